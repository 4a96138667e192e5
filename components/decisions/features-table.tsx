import { Badge } from '@/components/ui/badge';
import { Table, Td } from '@/components/ui/table';
import type { FeatureView } from '@/lib/decisions/access';

/** The inputs the reader's role may see; restricted ones masked, erased subjects said so. */
export function FeaturesTable({ features }: { features: FeatureView }) {
  if (features.state === 'erased') return <p className="text-sm">The subject&rsquo;s personal data was erased: their data key was destroyed, so these inputs can never be read again. The record and its proof remain.</p>;
  if (features.state === 'unreadable') return <p className="text-sm" role="alert">The inputs could not be decrypted with the subject&rsquo;s key.</p>;
  const masked = new Set(features.masked);
  return (
    <Table caption="Input features" columns={['Feature', 'Value']}>
      {Object.entries(features.values).map(([k, v]) => (
        <tr key={k}>
          <Td>{k}</Td>
          <Td>{masked.has(k) ? <Badge>Restricted: hidden for your role</Badge> : String(v ?? '—')}</Td>
        </tr>
      ))}
    </Table>
  );
}
