import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

// A software authenticator for tests: makes the attestation ("none") and
// assertion answers a browser would send, with an ES256 key of its own, so
// the server's @simplewebauthn verification runs on real signatures.

const b64u = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

export type SoftAuthenticator = {
  credentialId: string;
  register(options: { challenge: string; rp: { id?: string } }, origin: string): string;
  assert(options: { challenge: string; rpId?: string }, origin: string, tweak?: { counter?: number; origin?: string; signWith?: KeyObject }): string;
};

export function softAuthenticator(): SoftAuthenticator {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const credId = randomBytes(16);
  const credentialId = b64u(credId);
  let counter = 0;
  const cose = new Map<number, number | Uint8Array>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, Buffer.from(jwk.x!, 'base64url')],
    [-3, Buffer.from(jwk.y!, 'base64url')],
  ]);
  const clientData = (type: string, challenge: string, origin: string) => Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));

  return {
    credentialId,
    register(options, origin) {
      const rpIdHash = sha256(options.rp.id!);
      const flags = Buffer.from([0x45]); // UP | UV | AT
      const count = Buffer.alloc(4);
      const len = Buffer.alloc(2);
      len.writeUInt16BE(credId.length);
      const authData = Buffer.concat([rpIdHash, flags, count, Buffer.alloc(16), len, credId, Buffer.from(isoCBOR.encode(cose))]);
      const attestationObject = isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]) as never);
      return JSON.stringify({
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        clientExtensionResults: {},
        response: { clientDataJSON: b64u(clientData('webauthn.create', options.challenge, origin)), attestationObject: b64u(attestationObject), transports: ['internal'] },
      });
    },
    assert(options, origin, tweak = {}) {
      counter = tweak.counter ?? counter + 1;
      const count = Buffer.alloc(4);
      count.writeUInt32BE(counter);
      const authData = Buffer.concat([sha256(options.rpId!), Buffer.from([0x05]), count]);
      const cdj = clientData('webauthn.get', options.challenge, tweak.origin ?? origin);
      const signature = sign('sha256', Buffer.concat([authData, sha256(cdj)]), tweak.signWith ?? privateKey);
      return JSON.stringify({
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        clientExtensionResults: {},
        response: { clientDataJSON: b64u(cdj), authenticatorData: b64u(authData), signature: b64u(signature) },
      });
    },
  };
}
