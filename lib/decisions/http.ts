import 'server-only';
import type { NextRequest } from 'next/server';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { AppError } from '@/lib/errors';
import { readBatch, type RawRecord } from './formats';
import { decisionProof } from './proofs';
import { MAX_BATCH_BYTES } from './schema';

/** The batch body, refused before it is read when the caller may not log decisions or it is too large. */
export async function readIngestBody(actor: Actor, req: NextRequest): Promise<RawRecord[]> {
  authorize(actor, 'decisions:write');
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', 'A batch is at most 10 MB; split it.');
  if (Number(req.headers.get('content-length') ?? '0') > MAX_BATCH_BYTES) throw tooLarge();
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BATCH_BYTES) throw tooLarge();
  return readBatch(text, req.headers.get('content-type') ?? '');
}

export function proofFromQuery(actor: Actor, query: { id?: string; system?: string; ref?: string }) {
  if (query.id) return decisionProof(actor, { id: query.id });
  if (query.system && query.ref) return decisionProof(actor, { systemId: query.system, ref: query.ref });
  throw new AppError('VALIDATION', 'Give id, or system and ref.', { fieldErrors: { id: ['Give id, or system and ref'] } });
}
