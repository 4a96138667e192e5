export function SecretOnce({ secret, note }: { secret: string; note?: string }) {
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" role="status">
      <p className="font-medium">Copy the signing secret now. It will not be shown again.</p>
      {note ? <p className="mt-1">{note}</p> : null}
      <code className="mt-1 block break-all" data-testid="new-webhook-secret">
        {secret}
      </code>
    </div>
  );
}
