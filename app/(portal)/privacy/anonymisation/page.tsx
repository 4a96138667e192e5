import type { Metadata } from 'next';
import { AnonymisationCheck } from '@/components/privacy/anonymisation-check';
import { PrivacyNav } from '@/components/privacy/badges';
import { Card, PageHeader } from '@/components/ui/card';
import { anonymisationCheckAction } from '@/lib/privacy/actions';

export const metadata: Metadata = { title: 'Anonymisation check' };

export default function AnonymisationPage() {
  return (
    <>
      <PageHeader title="Anonymisation check" description="“Assuming anonymised data is truly anonymous” is a listed pitfall. Upload a sample, name its quasi-identifiers and the sensitive attribute: the portal computes k-anonymity and l-diversity and warns below the threshold (default k < 5). Only the figures are kept, in the audit trail." />
      <PrivacyNav />
      <Card title="Check a sample">
        <AnonymisationCheck action={anonymisationCheckAction} />
      </Card>
    </>
  );
}
