// The offices' mail server: an SMTP endpoint that captures every mail (level 1 offices receive
// applications as mail) and an HTTP side that shows what arrived, parsed like a mail client would.
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { jsonErrors } from './jsonErrors';
import { listen, type RunningServer } from './listen';

export interface CapturedMail {
  id: string;
  receivedAt: string;
  /** SMTP envelope: who the sending server said the mail is from and for. */
  envelope: { from: string | null; to: string[] };
  messageId: string | null;
  subject: string;
  from: string[];
  to: string[];
  cc: string[];
  text: string;
  html: string | null;
  attachments: { filename: string | null; contentType: string; size: number; contentBase64: string }[];
}

export interface MailServer {
  smtp: { host: string; port: number };
  /** HTTP side: `GET /mails?to=`, `GET /mails/:id`, `DELETE /mails`. */
  http: RunningServer;
  mails(): CapturedMail[];
  stop(): Promise<void>;
}

const MAX_MAIL_BYTES = 30 * 1024 * 1024;

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((o) => o.value.map((a) => a.address ?? '').filter(Boolean));
}

/** Starts SMTP capture on smtpPort and its HTTP reader on httpPort (0 picks free ports). */
export async function startMailServer(
  options: { smtpPort?: number; httpPort?: number } = {},
): Promise<MailServer> {
  const mails: CapturedMail[] = [];
  const smtp = new SMTPServer({
    logger: false,
    banner: 'Demo-Mailserver der Testorganisation',
    size: MAX_MAIL_BYTES,
    // Pooled SMTP clients keep connections open; a demo should stop within a second.
    closeTimeout: 1000,
    disabledCommands: ['STARTTLS'],
    // Loopback demo: any credentials, or none, are accepted.
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
            return callback(
              Object.assign(new Error(`Mail larger than ${MAX_MAIL_BYTES} bytes`), { responseCode: 552 }),
            );
          }
          mails.push({
            id: `mail-${crypto.randomUUID()}`,
            receivedAt: new Date().toISOString(),
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            messageId: parsed.messageId ?? null,
            subject: parsed.subject ?? '',
            from: addresses(parsed.from),
            to: addresses(parsed.to),
            cc: addresses(parsed.cc),
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            attachments: parsed.attachments.map((a) => ({
              filename: a.filename ?? null,
              contentType: a.contentType,
              size: a.size,
              contentBase64: a.content.toString('base64'),
            })),
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const smtpPort = await new Promise<number>((resolve, reject) => {
    smtp.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `mail server: SMTP port ${options.smtpPort} is in use; choose another DEMO_BASE_PORT or 0`,
            )
          : error,
      ),
    );
    smtp.listen(options.smtpPort ?? 0, '127.0.0.1', () =>
      resolve((smtp.server.address() as AddressInfo).port),
    );
  });

  // Later errors are a client's broken connection; an unhandled 'error' event would end the process.
  smtp.on('error', () => {});

  const app = express();
  app.disable('x-powered-by');
  app.get('/mails', (req, res) => {
    const to = typeof req.query.to === 'string' ? req.query.to.toLowerCase() : undefined;
    const selected =
      to === undefined
        ? mails
        : mails.filter((m) => [...m.envelope.to, ...m.to, ...m.cc].some((a) => a.toLowerCase() === to));
    res.json({ mails: selected });
  });
  app.get('/mails/:id', (req, res) => {
    const mail = mails.find((m) => m.id === req.params.id);
    if (!mail) return void res.status(404).json({ error: 'not-found', detail: `No mail ${req.params.id}.` });
    res.json(mail);
  });
  app.delete('/mails', (_req, res) => {
    mails.length = 0;
    res.status(204).end();
  });
  app.use(jsonErrors);
  const http = await listen(app, options.httpPort ?? 0, 'mail server (HTTP)').catch(
    async (error: unknown) => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      throw error;
    },
  );

  return {
    smtp: { host: '127.0.0.1', port: smtpPort },
    http,
    mails: () => [...mails],
    async stop() {
      await Promise.all([http.stop(), new Promise<void>((resolve) => smtp.close(() => resolve()))]);
    },
  };
}
