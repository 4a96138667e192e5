import type { Metadata } from 'next';
import { PasskeysSection } from '@/components/account/passkeys-section';
import { TotpSection } from '@/components/account/totp-section';
import { schemaHints } from '@/components/ui/form';
import { codeSchema, passkeyNameSchema } from '@/lib/auth/mfa/schema';
import { Card, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { getMySecurity } from '@/lib/auth/mfa/queries';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sign-in security' };

export default async function SecurityPage() {
  const actor = await requireActor();
  const security = await loadPage(getMySecurity(actor));
  const { standing } = security;
  return (
    <>
      <PageHeader title="Sign-in security" description="Your second factors: passkeys, an authenticator app and recovery codes. Sensitive actions ask for one if you have not given it in the last 10 minutes." />
      {standing.mustEnrol ? (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="enrol-required">
          Your role requires a second factor. Set one up below to use the portal.
        </p>
      ) : standing.inGrace ? (
        <p role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="enrol-grace">
          Your role requires a second factor. Set one up before <LocalTime iso={standing.graceEndsAt} />; after that the portal opens only once you have.
        </p>
      ) : null}
      <Card title="Passkeys" className="mb-6">
        <PasskeysSection passkeys={security.passkeys} hints={schemaHints(passkeyNameSchema)} />
      </Card>
      <Card title="Authenticator app" className="mb-6">
        <TotpSection totp={security.totp} recoveryCodesLeft={security.recoveryCodesLeft} codeHints={schemaHints(codeSchema)} />
      </Card>
    </>
  );
}
