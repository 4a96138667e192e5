import type { z } from 'zod';
import { FormRoot, type FormRootProps } from './form-root';
import { schemaHints } from './hints';

export type ActionFormProps<T> = Omit<FormRootProps<T>, 'hints' | 'submit'> & {
  /** The zod schema the action parses (from lib/<domain>/schema.ts): gives the fields their required marks and limits. */
  schema?: z.ZodType;
  submit?: string | null;
};

/**
 * The one form of the portal. Works from a server page and from a client
 * component alike: the schema is read into plain hints here, so a server
 * page sends the browser only those, never zod or the schema.
 *
 *   <ActionForm action={savePostmortemAction} schema={postmortemSchema} label="Postmortem" submit="Save postmortem">
 *     <TextAreaField name="summary" label="Summary" />
 *   </ActionForm>
 */
export function ActionForm<T>({ schema, submit = 'Save', ...props }: ActionFormProps<T>) {
  return <FormRoot<T> {...props} submit={submit} hints={schemaHints(schema)} />;
}
