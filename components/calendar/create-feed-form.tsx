'use client';

import { useState } from 'react';
import { ActionForm } from '@/components/ui/form';
import { createCalendarFeedAction } from '@/lib/calendar/actions';

export function CreateFeedForm({ feedBase, replaces }: { feedBase: string; replaces: boolean }) {
  const [url, setUrl] = useState<string | null>(null);
  return (
    <ActionForm
      action={createCalendarFeedAction}
      label="Create a calendar feed URL"
      submit={replaces ? 'Create a new URL (revokes the current one)' : 'Create my feed URL'}
      pendingText="Creating…"
      success="Feed URL created."
      className="space-y-3"
      onResult={(result) => setUrl(result.ok ? `${feedBase}${result.data.token}.ics` : null)}
    >
      {url ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" role="status">
          <p className="font-medium">Copy the URL now and subscribe to it in your calendar app. It will not be shown again.</p>
          <code className="mt-1 block break-all" data-testid="new-feed-url">
            {url}
          </code>
        </div>
      ) : null}
    </ActionForm>
  );
}
