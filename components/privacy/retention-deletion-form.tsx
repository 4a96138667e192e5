import { ActionForm, TextField } from '@/components/ui/form';
import { completeTaskAction } from '@/lib/privacy/actions';
import { completeTaskFormSchema } from '@/lib/privacy/schema';

/** Records a deletion the retention job asked for: the outcome and its evidence (job id, ticket, query log). */
export function RetentionDeletionForm({ task, className = 'mt-2 grid gap-2 sm:grid-cols-2' }: { task: { id: string; title: string; dataset: string | null }; className?: string }) {
  return (
    <ActionForm action={completeTaskAction} schema={completeTaskFormSchema} fields={{ taskId: task.id }} label={`Record the deletion: ${task.dataset ?? task.title}`} submit="Record deletion" className={className}>
      <TextField label="Outcome" name="outcome" id={`outcome-${task.id}`} required />
      <TextField label="Evidence" name="evidence" id={`evidence-${task.id}`} required hint="Job id, ticket or query log of the deletion." />
    </ActionForm>
  );
}
