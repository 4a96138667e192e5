import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { createDevelopmentDecisionSchema, DECISION_REVIEW_RESULTS, ingestReportSchema, listDevelopmentDecisionsQuerySchema, pushTargetSchema } from './schema';

const id = z.string().trim().min(1, 'Required').max(200, 'At most 200 characters');

const featureView = z.union([
  z.object({ state: z.literal('shown'), values: z.record(z.string(), z.unknown()), masked: z.array(z.string()) }),
  z.object({ state: z.enum(['erased', 'unreadable']) }),
]);

const proofSchema = z.object({
  format: z.literal('agp-decision-proof/1'),
  decision: z.looseObject({ id: z.string(), ref: z.string(), systemId: z.string(), decidedAt: z.string(), featuresCipher: z.string() }),
  leafIndex: z.number().int(),
  batch: z.object({ id: z.string(), seq: z.number().int(), systemId: z.string(), size: z.number().int(), rootHash: z.string(), firstAt: z.string(), lastAt: z.string() }),
  batchPath: z.array(z.string()),
  log: z.object({ index: z.number().int(), treeSize: z.number().int(), path: z.array(z.string()) }).nullable(),
  checkpoint: z
    .object({ orgId: z.string(), treeSize: z.number().int(), decisionCount: z.number().int(), rootHash: z.string(), issuedAt: z.string(), statement: z.string(), signature: z.string(), publicKey: z.string() })
    .nullable(),
});

const developmentDecision = z.object({
  id: z.string(), title: z.string(), context: z.string(), decision: z.string(), alternatives: z.string(), consequences: z.string(), decidedAt: z.string(), createdAt: z.string(),
  model: z.object({ id: z.string(), key: z.string(), name: z.string() }), version: z.object({ id: z.string(), label: z.string() }).nullable(),
  approver: z.object({ id: z.string(), name: z.string() }), createdBy: z.string().nullable(),
});

const pushTargetView = z
  .object({ endpoint: z.string(), region: z.string(), bucket: z.string(), prefix: z.string(), pathStyle: z.boolean(), accessKeyId: z.string(), secretSet: z.boolean(), updatedAt: z.string() })
  .strict();

export const decisionsApi = {
  ingest: defineApi({
    method: 'POST',
    path: '/api/v1/decisions',
    tag: 'Decision log',
    summary: 'Log a batch of production decisions (whole or nothing)',
    description:
      'Body: a JSON array of decisions (application/json), NDJSON (application/x-ndjson) or CSV (text/csv), at most 10,000 records or 10 MB. ' +
      'Each record: decisionId, model, version, timestamp, subjectRef, features, output {score|class|value}, confidence, decision, group, ' +
      'human {reviewed, overridden, reviewer, reason}, latencyMs, explanation {method, baseValue, attributions}. The version must be the one ' +
      'in production at the timestamp. A refused batch stores nothing and lists every bad record in error.details.errors ({ row, ref, reason }). ' +
      'Decision ids already logged for the system are skipped. Needs a token with the decisions:write scope.',
    permission: 'decisions:write',
    query: z.object({ system: id }),
    response: ingestReportSchema,
    successStatus: 201,
  }),
  proof: defineApi({
    method: 'GET',
    path: '/api/v1/decisions/proof',
    tag: 'Decision log',
    summary: "A decision's inclusion proof: the record, its Merkle path, the batch root, the signed checkpoint",
    description: 'Give id (the portal id) or system and ref (the decision id the serving stack sent). Verify offline with npm run verify-decision -- proof.json --key key.pem.',
    permission: 'decisions:read',
    query: z.object({ id: id.optional(), system: id.optional(), ref: id.optional() }),
    response: proofSchema,
  }),
  letter: defineApi({
    method: 'GET',
    path: '/api/v1/decisions/letter',
    tag: 'Decision log',
    summary: "The explanation letter for a decision's subject as PDF: the principal reasons (adverse-action notices) and the logic involved (GDPR Art. 22, 15(1)(h)); recorded in the audit trail",
    permission: 'decisions:read',
    query: z.object({ id }),
    responseType: ['application/pdf'],
  }),
  subject: defineApi({
    method: 'GET',
    path: '/api/v1/decisions/subjects',
    tag: 'Decision log',
    summary: 'Every decision about one pseudonymous subject (for access requests)',
    permission: 'decisions:read',
    query: z.object({ ref: id, system: id.optional() }),
    response: z.object({
      subjectRef: z.string(),
      known: z.boolean(),
      erasedAt: z.string().nullable(),
      truncated: z.boolean(),
      capabilities: z.object({ erase: z.boolean() }),
      decisions: z.array(
        z.object({
          id: z.string(), ref: z.string(), systemId: z.string(), modelId: z.string(), versionId: z.string(), decidedAt: z.string(), outcome: z.string(),
          output: z.unknown(), confidence: z.number().nullable(), humanReviewed: z.boolean(), overridden: z.boolean(), overrideReason: z.string().nullable(),
          topFactor: z.string().nullable(), features: featureView,
        }),
      ),
    }),
  }),
  reviews: defineApi({
    method: 'GET',
    path: '/api/v1/decisions/reviews',
    tag: 'Decision log',
    summary: "A decision's reviews after it took effect (GDPR Art. 22(3)): upheld or changed, by whom, why; and the outcome they leave",
    description: 'Reviews are appended beside the decision (its logged row never changes); each names the leaf hash it reviewed and carries its own SHA-256.',
    permission: 'decisions:read',
    query: z.object({ id }),
    response: z.object({
      decisionId: z.string(),
      ref: z.string(),
      loggedOutcome: z.string(),
      currentOutcome: z.string(),
      reviews: z.array(
        z.object({
          id: z.string(), result: z.enum(DECISION_REVIEW_RESULTS), outcomeBefore: z.string(), newOutcome: z.string().nullable(), reason: z.string(), reviewer: z.string(),
          reviewedAt: z.string(), requestReference: z.string().nullable(), decisionLeafHash: z.string(), hash: z.string(),
        }).strict(),
      ),
    }).strict(),
  }),
  erase: defineApi({
    method: 'POST',
    path: '/api/v1/decisions/subjects/erase',
    tag: 'Decision log',
    summary: "Erase a subject's personal data (destroys their data key; proofs still verify)",
    permission: 'decisions:erase',
    body: z.object({ subjectRef: id, reason: z.string().trim().min(3, 'At least 3 characters').max(2000, 'At most 2000 characters') }),
    response: z.object({ subjectRef: z.string(), erasedAt: z.string(), decisionCount: z.number().int(), alreadyErased: z.boolean() }),
  }),
  checkpoint: defineApi({
    method: 'POST',
    path: '/api/v1/decisions/checkpoints',
    tag: 'Decision log',
    summary: 'Issue a signed checkpoint now (returns the latest one when no batch is new)',
    permission: 'decisions:manage',
    response: z.object({ id: z.string(), treeSize: z.number().int(), decisionCount: z.number().int(), rootHash: z.string(), issuedAt: z.string(), created: z.boolean() }),
  }),
  pushTargetGet: defineApi({
    method: 'GET',
    path: '/api/v1/decisions/push-target',
    tag: 'Decision log',
    summary: 'The S3-compatible bucket that receives a copy of every signed checkpoint (null when none); the secret is never returned',
    description: 'Administrators in a browser session only.',
    permission: 'settings:manage',
    response: z.object({ target: pushTargetView.nullable() }),
  }),
  pushTargetPut: defineApi({
    method: 'PUT',
    path: '/api/v1/decisions/push-target',
    tag: 'Decision log',
    summary: 'Set the S3-compatible bucket checkpoints are pushed to, and queue every checkpoint it does not hold yet',
    description:
      'Objects are written as <prefix>/<orgId>/checkpoints/<treeSize, 12 digits>.json with a SigV4-signed PutObject. A blank secretAccessKey keeps the stored one. ' +
      'An endpoint that is, or resolves to, an internal address is refused unless its host is on the allowed internal hosts (Admin → Webhooks). Administrators in a browser session only; audited.',
    permission: 'settings:manage',
    body: pushTargetSchema,
    response: pushTargetView.extend({ queued: z.number().int() }),
  }),
  pushNow: defineApi({
    method: 'POST',
    path: '/api/v1/decisions/checkpoints/push',
    tag: 'Decision log',
    summary: 'Queue the push of every checkpoint not yet in the bucket (failed ones again)',
    description: 'Administrators in a browser session only; audited.',
    permission: 'settings:manage',
    response: z.object({ queued: z.number().int() }),
  }),
  consistency: defineApi({
    method: 'GET',
    path: '/api/v1/decisions/checkpoints/consistency',
    tag: 'Decision log',
    summary: 'A consistency proof between two checkpoints (RFC 6962): nothing removed or rewritten',
    permission: 'decisions:verify',
    query: z.object({ from: z.coerce.number('from must be a tree size').int().min(0), to: z.coerce.number('to must be a tree size').int().min(0) }),
    response: z.object({ from: z.object({ treeSize: z.number().int(), rootHash: z.string() }), to: z.object({ treeSize: z.number().int(), rootHash: z.string() }), proof: z.array(z.string()) }),
  }),
  developmentList: defineApi({
    method: 'GET',
    path: '/api/v1/development-decisions',
    tag: 'Decision log',
    summary: 'Development decision records (why algorithm X over Y, bias tests, accepted trade-offs), newest first, by model or version',
    permission: 'decisions:read',
    query: listDevelopmentDecisionsQuerySchema,
    response: z.object({ items: z.array(developmentDecision), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), capabilities: z.object({ create: z.boolean() }) }),
  }),
  developmentCreate: defineApi({
    method: 'POST',
    path: '/api/v1/development-decisions',
    tag: 'Decision log',
    summary: 'Record a development decision attached to a model or one of its versions',
    permission: 'decisions:manage',
    body: createDevelopmentDecisionSchema,
    response: z.object({ id: z.string() }),
    successStatus: 201,
  }),
};
