import 'server-only';
import type { AddressInfo } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { env } from '@/lib/env';
import { capturesMail } from './delivery-mode';

// Where mail goes: SMTP_URL when set; otherwise, in demo mode and in tests, an
// SMTP server started inside this process on loopback (smtp-server), so a
// newcomer sees reminders arrive (Admin → Outbox) with nothing configured.
// Production without SMTP_URL sends nothing and says so on each mail.

export type CapturedMail = { from: string; to: string[]; raw: Buffer; at: Date };

type CaptureServer = { port: number; received: CapturedMail[]; /** Mails received since start (the list keeps the last 500). */ count(): number; close(): Promise<void> };
type MailState = { transport?: Promise<Transporter | null>; capture?: Promise<CaptureServer> };

const g = globalThis as unknown as { portalMail?: MailState };
const state = (g.portalMail ??= {});

const KEEP = 500;

/** Starts (once per process) the loopback SMTP server that receives demo and test mail. */
export function captureServer(): Promise<CaptureServer> {
  state.capture ??= new Promise<CaptureServer>((resolve, reject) => {
    const received: CapturedMail[] = [];
    let total = 0;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      banner: 'AI Governance Portal demo mail capture',
      size: 10 * 1024 * 1024,
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
            at: new Date(),
          });
          total++;
          if (received.length > KEEP) received.splice(0, received.length - KEEP);
          callback();
        });
      },
    });
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.server.address() as AddressInfo;
      server.server.unref();
      resolve({ port, received, count: () => total, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
  return state.capture;
}

/** The transport mail is sent through, or null when none is configured (production without SMTP_URL). */
export function mailTransport(): Promise<Transporter | null> {
  state.transport ??= (async () => {
    const e = env();
    if (e.SMTP_URL) return nodemailer.createTransport(e.SMTP_URL, { pool: true, maxConnections: 4 } as never);
    if (!capturesMail()) return null;
    const capture = await captureServer();
    return nodemailer.createTransport({ host: '127.0.0.1', port: capture.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 4 });
  })();
  state.transport.catch(() => {
    state.transport = undefined;
  });
  return state.transport;
}
