/** What a link landing shows when its link is refused (the reason's message from lib/links/purposes). */
export function LinkRefused({ title = 'This link cannot be used', message }: { title?: string; message: string }) {
  return (
    <div role="alert">
      <h1 className="mb-2 text-xl">{title}</h1>
      <p className="text-sm text-slate-700">{message}</p>
    </div>
  );
}
