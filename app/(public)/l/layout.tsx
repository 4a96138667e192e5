// The landings of lib/links (/l/<segment>/<token>): reached without a session,
// so no portal navigation; each page resolves its link with landLink and shows
// exactly the link's subject.
export default function LinkLandingLayout({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="min-h-screen bg-slate-100 px-4 py-10">
      <div className="mx-auto w-full max-w-3xl">
        <p className="mb-6 text-center text-lg font-semibold text-slate-900">AI Governance Portal</p>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
      </div>
    </main>
  );
}
