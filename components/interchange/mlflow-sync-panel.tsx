'use client';

import { useState } from 'react';
import { ActionForm } from '@/components/ui/form';
import { syncMlflowAction } from '@/lib/interchange/mlflow/actions';
import type { SyncReport } from '@/lib/interchange/mlflow/mutations';
import { MlflowReport } from './mlflow-report';

/** Preview first (reads MLflow, writes nothing), then import; the answer is shown below the buttons. */
export function MlflowSyncPanel() {
  const [report, setReport] = useState<SyncReport | null>(null);
  const onResult = (r: { ok: boolean; data?: SyncReport }) => setReport(r.ok && r.data ? r.data : null);
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap gap-3">
        <ActionForm action={syncMlflowAction} label="Preview the MLflow import" fields={{ apply: 'false' }} submit="Preview import" pendingText="Reading MLflow…" variant="secondary" onResult={onResult} />
        <ActionForm action={syncMlflowAction} label="Import from MLflow" fields={{ apply: 'true' }} submit="Import new versions as drafts" pendingText="Importing…" onResult={onResult} />
      </div>
      {report ? <MlflowReport report={report} heading={report.applied ? 'Import' : 'Preview'} /> : null}
    </div>
  );
}
