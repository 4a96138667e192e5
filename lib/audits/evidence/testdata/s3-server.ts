import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signRequest, type SigV4Credentials } from '../sigv4';
import { recorded } from './s3-responses';

// A loopback server that plays S3 for tests: it recomputes every request's
// SigV4 signature with the secret and checks the payload hash as S3 does
// (a wrong signature gets S3's SignatureDoesNotMatch), keeps objects and
// multipart parts, and answers with S3's documented responses
// (./s3-responses.ts). Path-style addressing; nothing beyond 127.0.0.1.

export type SeenRequest = { method: string; path: string; query: Record<string, string>; headers: IncomingMessage['headers']; body: Buffer; bytes: number; signatureOk: boolean; hashOk: boolean };

export type S3TestServer = {
  endpoint: string;
  seen: SeenRequest[];
  objects: Map<string, Buffer>;
  parts: Map<string, Buffer>;
  /** The part number whose upload answers 500 InternalError. */
  failPart: number | null;
  /** CompleteMultipartUpload answers 200 with an error in its body. */
  completeFails: boolean;
  /** Answers for the next requests (signed correctly or not), in order, before anything else: S3's 500 or 503 SlowDown. */
  answerNext: { status: number; body: string }[];
  reset(): void;
  close(): Promise<void>;
};

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');

function verifySignature(creds: SigV4Credentials, req: IncomingMessage, url: URL): boolean {
  const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
  if (!auth || auth[1] !== creds.accessKeyId || auth[3] !== creds.region) return false;
  const signed = auth[4].split(';');
  if (!['host', 'x-amz-content-sha256', 'x-amz-date'].every((h) => signed.includes(h))) return false;
  const amzDate = String(req.headers['x-amz-date']);
  const date = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const headers = Object.fromEntries(signed.filter((h) => !['host', 'x-amz-date', 'x-amz-content-sha256'].includes(h)).map((h) => [h, String(req.headers[h])]));
  // What S3 recomputes: the canonical request from the request as received, signed with the secret it holds.
  const expected = signRequest(creds, { method: req.method!, url, headers, payloadHash: String(req.headers['x-amz-content-sha256']), date });
  return expected.authorization === req.headers.authorization;
}

/** `host`: the loopback address to listen on (127.0.0.1 unless a test needs its own). */
export async function startS3Server(opts: { creds: SigV4Credentials; bucket: string; host?: string }): Promise<S3TestServer> {
  const { creds, bucket } = opts;
  const state = {
    seen: [] as SeenRequest[],
    objects: new Map<string, Buffer>(),
    parts: new Map<string, Buffer>(),
    failPart: null as number | null,
    completeFails: false,
    answerNext: [] as { status: number; body: string }[],
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url!, `http://${req.headers.host}`);
      const query = Object.fromEntries(url.searchParams);
      const key = decodeURIComponent(url.pathname.replace(`/${bucket}/`, ''));
      const signatureOk = verifySignature(creds, req, url);
      const hashOk = req.headers['x-amz-content-sha256'] === sha(body);
      state.seen.push({ method: req.method!, path: url.pathname, query, headers: req.headers, body, bytes: body.length, signatureOk, hashOk });
      const xml = (status: number, text: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': '4442587FB7D0A2F9', ...headers });
        res.end(text);
      };
      const next = state.answerNext.shift();
      if (next) return xml(next.status, next.body);
      if (!signatureOk || !hashOk) return xml(403, recorded.signatureDoesNotMatch);
      if (req.method === 'POST' && 'uploads' in query) return xml(200, recorded.initiate(bucket, key, recorded.uploadId));
      if (req.method === 'PUT' && query.partNumber) {
        if (query.uploadId !== recorded.uploadId) return xml(404, recorded.noSuchUpload);
        if (Number(query.partNumber) === state.failPart) return xml(500, recorded.internalError);
        state.parts.set(`${key}#${query.partNumber}`, body);
        res.writeHead(200, { etag: `"${md5(body)}"`, 'content-length': '0' });
        return res.end();
      }
      if (req.method === 'POST' && query.uploadId) {
        if (state.completeFails) return xml(200, recorded.completeFailedIn200);
        const listed = [...body.toString().matchAll(/<PartNumber>(\d+)<\/PartNumber><ETag>([^<]+)<\/ETag>/g)];
        const parts = listed.map(([, n, etag]) => ({ part: state.parts.get(`${key}#${n}`), etag: etag.replace(/&quot;/g, '"') }));
        // S3 refuses a completion that lists a part it does not hold, or a part under another ETag.
        if (parts.some((p) => !p.part || p.etag !== `"${md5(p.part)}"`)) return xml(400, '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidPart</Code><Message>One or more of the specified parts could not be found.</Message></Error>');
        const whole = Buffer.concat(parts.map((p) => p.part!));
        state.objects.set(key, whole);
        return xml(200, recorded.complete(bucket, key, `${sha(whole).slice(0, 32)}-${listed.length}`));
      }
      if (req.method === 'DELETE' && query.uploadId) {
        for (const k of [...state.parts.keys()]) if (k.startsWith(`${key}#`)) state.parts.delete(k);
        res.writeHead(204);
        return res.end();
      }
      if (req.method === 'PUT') {
        state.objects.set(key, body);
        res.writeHead(200, recorded.putObject(md5(body)));
        return res.end();
      }
      if (req.method === 'GET') {
        const obj = state.objects.get(key);
        if (!obj) return xml(404, '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(obj.length) });
        return res.end(obj);
      }
      if (req.method === 'DELETE') {
        state.objects.delete(key);
        res.writeHead(204);
        return res.end();
      }
      xml(400, '<Error><Code>InvalidRequest</Code></Error>');
    });
  });
  // Node closes an idle keep-alive socket after 5 s; a client that reuses it just then reads ECONNRESET.
  // Under load, hashing one 5 MB part can take that long, so idle sockets are kept a minute here.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, opts.host ?? '127.0.0.1', r));
  const s: S3TestServer = {
    endpoint: `http://${opts.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`,
    seen: state.seen,
    objects: state.objects,
    parts: state.parts,
    get failPart() {
      return state.failPart;
    },
    set failPart(v) {
      state.failPart = v;
    },
    get completeFails() {
      return state.completeFails;
    },
    set completeFails(v) {
      state.completeFails = v;
    },
    answerNext: state.answerNext,
    reset() {
      state.seen.length = 0;
      state.failPart = null;
      state.completeFails = false;
      state.answerNext.length = 0;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  return s;
}
