import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, CheckboxGroup, DateField, SelectField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { ROLE_LABELS, ROLES } from '@/lib/auth/permissions';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { createCourseAction, recordTrainingAction } from '@/lib/policies/actions';
import { trainingCoverage } from '@/lib/policies/queries';
import { createCourseSchema, recordTrainingSchema } from '@/lib/policies/schema';

export const metadata: Metadata = { title: 'AI literacy register' };

export default async function TrainingPage() {
  const actor = await requireActor();
  const t = await loadPage(() => trainingCoverage(actor));
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/policies">← Policies</Link></p>
      <PageHeader title="AI literacy register" description="Trainings per person with their validity, required trainings per role (EU AI Act Art. 4), coverage and who is overdue." />
      <Card title="Coverage per role" className="mb-6">
        <Table caption="Coverage per role" columns={['Role', 'People', 'Required trainings', 'Covered']}>
          {t.coverage.map((c) => (
            <tr key={c.role}>
              <Td>{ROLE_LABELS[c.role]}</Td>
              <Td>{c.people}</Td>
              <Td className="text-xs">{c.required.length ? c.required.join(', ') : 'none'}</Td>
              <Td><Badge tone={c.percent === 100 ? 'good' : c.percent >= 50 ? 'warn' : 'bad'}>{c.covered} of {c.people} ({c.percent} %)</Badge></Td>
            </tr>
          ))}
        </Table>
      </Card>
      <Card title={`Overdue (${t.overdue.length})`} className="mb-6">
        {t.overdue.length ? (
          <Table caption="People overdue on a required training" columns={['Person', 'Role', 'Training', 'State']}>
            {t.overdue.map((o) => (
              <tr key={`${o.userId}:${o.courseId}`}>
                <Td>{o.name}</Td>
                <Td className="text-xs">{ROLE_LABELS[o.role]}</Td>
                <Td>{o.course}</Td>
                <Td>{o.state === 'expired' ? <>expired <LocalTime iso={o.expiredAt} dateOnly /></> : 'never completed'}</Td>
              </tr>
            ))}
          </Table>
        ) : <EmptyState title="Nobody is overdue" />}
      </Card>
      <Card title="Courses" className="mb-6">
        {t.courses.length ? (
          <Table caption="Courses" columns={['Course', 'Provider', 'Valid for', 'Required of', 'Valid completions']}>
            {t.courses.map((c) => (
              <tr key={c.id}>
                <Td>{c.title}</Td>
                <Td>{c.provider ?? '—'}</Td>
                <Td>{c.validityMonths ? `${c.validityMonths} months` : 'no expiry'}</Td>
                <Td className="text-xs">{c.requiredRoles.map((r) => ROLE_LABELS[r]).join(', ') || '—'}</Td>
                <Td>{c.completions}</Td>
              </tr>
            ))}
          </Table>
        ) : <EmptyState title="No courses yet" />}
      </Card>
      {t.capabilities.manageTraining ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Record a completion">
            <ActionForm action={recordTrainingAction} schema={recordTrainingSchema} label="Record a completion" submit="Record">
              <SelectField label="Course" name="courseId" options={t.courses.map((c) => ({ value: c.id, label: c.title }))} />
              <SelectField label="Person" name="userId" options={t.people.map((u) => ({ value: u.id, label: u.name }))} />
              <DateField label="Completed on" name="completedAt" />
            </ActionForm>
          </Card>
          <Card title="Add a course">
            <ActionForm action={createCourseAction} schema={createCourseSchema} label="Add a course" submit="Add course">
              <TextField label="Title" name="title" />
              <TextField label="Provider" name="provider" />
              <TextField label="Valid for (months)" name="validityMonths" type="number" min={1} max={120} />
              <CheckboxGroup label="Required of" name="requiredRoles[]" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
            </ActionForm>
          </Card>
        </div>
      ) : null}
    </>
  );
}
