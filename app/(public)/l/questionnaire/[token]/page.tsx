import type { Metadata } from 'next';
import { QuestionnaireAnswerForm } from '@/components/vendors/questionnaire-answer-form';
import { QuestionnaireDocuments } from '@/components/vendors/questionnaire-documents';
import { LinkRefused } from '@/components/ui/link-refused';
import { LocalTime } from '@/components/ui/local-time';
import { landLink } from '@/lib/links/landing';
import { questionnaireForLink } from '@/lib/vendors/queries';

export const metadata: Metadata = { title: 'Due-diligence questionnaire', robots: { index: false, follow: false } };

/** The vendor's landing: the link grants its one questionnaire and nothing else. */
export default async function QuestionnaireLandingPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const landed = await landLink(token, 'vendor_questionnaire');
  if (!landed.ok) return <LinkRefused message={landed.message} />;
  const q = await questionnaireForLink(landed.link);
  if (!q || q.status === 'WITHDRAWN') return <LinkRefused message="This questionnaire has been withdrawn by the sender." />;
  return (
    <>
      <h1 className="mb-1 text-xl">{q.template.title}</h1>
      <p className="mb-4 text-sm text-slate-700">
        For {q.vendorName}. {q.template.description} Your answers are saved as a draft each time you press “Save draft”; this link works until <LocalTime iso={q.expiresAt} />.
      </p>
      {q.status === 'SENT' ? (
        <>
          <QuestionnaireDocuments token={token} template={q.template} documents={q.documents} />
          <QuestionnaireAnswerForm token={token} template={q.template} answers={q.answers} documents={q.documents} />
        </>
      ) : <p role="status" className="text-sm">These answers were submitted{q.submittedAt ? <> on <LocalTime iso={q.submittedAt} /></> : null}. Thank you.</p>}
    </>
  );
}
