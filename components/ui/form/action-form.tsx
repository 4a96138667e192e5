import type { z } from 'zod';
import { FormRoot, type FormRootProps } from './form-root';
import { schemaHints, type FormHints } from './hints';

export type ActionFormProps<T> = Omit<FormRootProps<T>, 'hints' | 'submit'> & {
  /** The zod schema the action parses (from lib/<domain>/schema.ts): gives the fields their required marks and limits. On a server page only. */
  schema?: z.ZodType;
  /**
   * The same, already read on the server (`schemaHints(schema)`): what a
   * client component passes, so zod and the schema stay out of the browser
   * (lib/client-bundle.test.ts).
   */
  hints?: FormHints;
  submit?: string | null;
};

/**
 * The one form of the portal. On a server page it takes the schema and reads
 * it into plain hints here, so the browser gets only those; a client
 * component takes the hints from its server page instead (`hints`).
 *
 *   <ActionForm action={savePostmortemAction} schema={postmortemSchema} label="Postmortem" submit="Save postmortem">
 *     <TextAreaField name="summary" label="Summary" />
 *   </ActionForm>
 */
export function ActionForm<T>({ schema, hints, submit = 'Save', ...props }: ActionFormProps<T>) {
  return <FormRoot<T> {...props} submit={submit} hints={hints ?? schemaHints(schema)} />;
}
