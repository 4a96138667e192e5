'use server';
import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/api/action';
import { saveMlflowConnection, syncMlflow } from './mutations';
import { mlflowConnectionSchema, mlflowSyncSchema } from './schema';

export const saveMlflowConnectionAction = validatedAction(
  mlflowConnectionSchema,
  async (input, actor) => {
    const row = await saveMlflowConnection(actor, input);
    revalidatePath('/admin/mlflow');
    revalidatePath('/admin/mlflow/import');
    return { url: row.url, tokenHint: row.tokenHint };
  },
  { successMessage: 'MLflow connection saved.' },
);

export const syncMlflowAction = validatedAction(
  mlflowSyncSchema,
  async ({ apply }, actor) => {
    const report = await syncMlflow(actor, { apply });
    if (apply) {
      revalidatePath('/admin/mlflow/import');
      revalidatePath('/models');
    }
    return report;
  },
  {
    successMessage: (r) =>
      r.applied
        ? `Imported ${r.imported.length} version(s) as drafts; ${r.conflicts.length} conflict(s), ${r.gone.length} gone from MLflow.`
        : `Preview: ${r.imported.length} version(s) would be imported; ${r.conflicts.length} conflict(s).`,
  },
);
