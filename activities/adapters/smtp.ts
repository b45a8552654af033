// SMTP delivery (level 1 offices, applicant notifications).
import { ApplicationFailure } from '@temporalio/activity';
import nodemailer from 'nodemailer';

export interface Mail {
  /** smtp://host:port */
  endpoint: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

/** Sends one mail; the Message-ID is derived from the delivery so a retried send is recognisable. */
export async function sendMail(mail: Mail): Promise<void> {
  const url = new URL(mail.endpoint);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || 25),
    secure: false,
    ignoreTLS: url.hostname === '127.0.0.1' || url.hostname === 'localhost',
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
  });
  try {
    await transport.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      attachments: mail.attachments?.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
      })),
    });
  } catch (error) {
    throw ApplicationFailure.retryable(
      `mail to ${mail.to} via ${url.host} failed: ${(error as Error).message}`,
      'MAIL_FAILED',
    );
  } finally {
    transport.close();
  }
}
