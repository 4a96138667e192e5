import type { Factor } from '@/lib/decisions/view';
import { num } from './badges';

/** "Why was this decided": each factor in a sentence, with its direction and size. */
export function FactorSentence({ f }: { f: Factor }) {
  const way = f.direction === 'up' ? 'raised' : f.direction === 'down' ? 'lowered' : 'did not change';
  return (
    <>
      <strong>{f.feature}</strong> {way} the score{f.direction === 'none' ? '' : ` by ${num(Math.abs(f.attribution))}`} ({Math.round(f.share * 100)} % of the explanation)
    </>
  );
}

export function FactorList({ factors }: { factors: Factor[] }) {
  return (
    <ol className="list-decimal space-y-1 pl-6 text-sm">
      {factors.map((f) => (
        <li key={f.feature}>
          <FactorSentence f={f} />
        </li>
      ))}
    </ol>
  );
}
