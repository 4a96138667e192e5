import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ActionForm, TextAreaField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { signOffAction } from '@/lib/models/actions';
import type { VersionView } from '@/lib/models/queries';
import { signOffFormSchema } from '@/lib/models/schema';

export function ArtifactCard({ v }: { v: VersionView }) {
  return (
    <Card title="Artifact">
      <dl className="space-y-2 text-sm">
        <div>
          <dt className="text-slate-600">Framework</dt>
          <dd>{v.framework || '—'}</dd>
        </div>
        <div>
          <dt className="text-slate-600">URI</dt>
          <dd className="break-all">{v.artifactUri ?? '—'}</dd>
        </div>
        <div>
          <dt className="text-slate-600">SHA-256</dt>
          <dd>
            <code className="break-all text-xs">{v.artifactDigest ?? 'missing'}</code>
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Size</dt>
          <dd>{v.artifactSize == null ? '—' : `${v.artifactSize.toLocaleString('en')} bytes`}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Hyperparameters</dt>
          <dd>
            <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(v.hyperparameters, null, 2)}</pre>
          </dd>
        </div>
      </dl>
    </Card>
  );
}

export function AttestationCard({ v, base }: { v: VersionView; base: string }) {
  const ref = { model: v.model.key, version: v.label };
  return (
    <Card title="Signed attestation">
      {v.attestation ? (
        <div className="space-y-2 text-sm">
          <p>
            Signed <LocalTime iso={v.attestation.signedAt} />.{' '}
            {v.attestation.verified ? <Badge tone="good">Signature verifies</Badge> : <Badge tone="bad">Signature does not verify</Badge>}{' '}
            {v.attestation.matches ? <Badge tone="good">Matches this version</Badge> : <Badge tone="bad">Version changed since signing</Badge>}
          </p>
          <p>
            <a href={`${base}/attestation`}>Manifest and signature (JSON)</a> · <a href="/api/v1/signing-key">Public key</a>
          </p>
        </div>
      ) : (
        <p className="text-sm text-slate-700">Not signed yet. The portal signs a manifest (model, version, artifact digest, model card hash, approvals) when the version is approved.</p>
      )}
      <h3 className="mb-1 mt-4 font-medium">Sign-offs</h3>
      {v.signOffs.length ? (
        <ul className="space-y-1 text-sm">
          {v.signOffs.map((s) => (
            <li key={s.role}>
              <Badge tone="good">{s.role === 'BUSINESS_OWNER' ? 'Business owner' : 'Compliance'}</Badge> {s.user}, <LocalTime iso={s.at} />
              {s.comment ? <span className="text-slate-600"> — {s.comment}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700">None yet.</p>
      )}
      {v.can.signBusiness || v.can.signCompliance ? (
        <div className="no-print mt-3 space-y-3">
          {v.can.signBusiness ? (
            <ActionForm action={signOffAction} schema={signOffFormSchema} fields={{ ...ref, role: 'BUSINESS_OWNER' }} submit="Sign off as business owner" label="Business owner sign-off" announce="toast" success="Signed off as business owner.">
              <TextAreaField label="Comment (business owner)" name="comment" rows={2} />
            </ActionForm>
          ) : null}
          {v.can.signCompliance ? (
            <ActionForm action={signOffAction} schema={signOffFormSchema} fields={{ ...ref, role: 'COMPLIANCE' }} submit="Sign off for compliance" label="Compliance sign-off" announce="toast" success="Signed off for compliance.">
              <TextAreaField label="Comment (compliance)" name="comment" rows={2} />
            </ActionForm>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
