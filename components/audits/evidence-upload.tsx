'use client';

import type { ReactNode } from 'react';
import { ActionForm } from '@/components/ui/form';

/**
 * Uploads evidence to POST /api/v1/evidence as multipart with upload
 * progress (the kit's endpoint mode). The server checks type, size and
 * content; its message is shown, and the fields keep what was typed.
 */
export function EvidenceUploadForm({ children, label, submit = 'Add evidence' }: { children: ReactNode; label: string; submit?: string }) {
  return (
    <ActionForm<{ title?: string }> endpoint="/api/v1/evidence" label={label} submit={submit} pendingText="Uploading…" success={(data) => `Evidence "${data.title}" added.`}>
      {children}
    </ActionForm>
  );
}
