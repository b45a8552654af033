import nodemailer from 'nodemailer';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailServer, type MailServer } from '../../demo/servers/mailServer';
import { request } from '../support/http';

async function samplePdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage();
  page.drawText('Gewerbeanmeldung Mustermann Feinkost', {
    x: 50,
    y: 750,
    font: await pdf.embedFont(StandardFonts.Helvetica),
  });
  return pdf.save();
}

describe('demo mail server (SMTP capture, HTTP reader)', () => {
  let mail: MailServer;
  beforeAll(async () => {
    mail = await startMailServer();
  });
  afterAll(async () => {
    await mail?.stop();
  });

  it('captures a mail sent with nodemailer, PDF attachment included, and shows it over HTTP', async () => {
    // given
    const pdf = await samplePdf();
    const transport = nodemailer.createTransport({
      host: mail.smtp.host,
      port: mail.smtp.port,
      secure: false,
      auth: { user: 'drehscheibe', pass: 'any' },
    });
    // when
    await transport.sendMail({
      from: 'Drehscheibe <noreply@drehscheibe.example>',
      to: 'ordnungsamt@radebeul.example',
      subject: 'Neuer Antrag: Gewerbeanmeldung (Größe geprüft)',
      text: 'Sehr geehrte Damen und Herren,\nanbei der Antrag.',
      attachments: [{ filename: 'Antrag.pdf', content: Buffer.from(pdf), contentType: 'application/pdf' }],
    });
    transport.close();
    // then
    const answer = await request('GET', `${mail.http.url}/mails?to=Ordnungsamt@Radebeul.example`);
    expect(answer.status).toBe(200);
    expect(answer.body.mails).toHaveLength(1);
    const [captured] = answer.body.mails;
    expect(captured).toMatchObject({
      subject: 'Neuer Antrag: Gewerbeanmeldung (Größe geprüft)',
      from: ['noreply@drehscheibe.example'],
      to: ['ordnungsamt@radebeul.example'],
      envelope: { from: 'noreply@drehscheibe.example', to: ['ordnungsamt@radebeul.example'] },
    });
    expect(captured.text).toContain('anbei der Antrag.');
    expect(captured.attachments).toHaveLength(1);
    const [attachment] = captured.attachments;
    expect(attachment).toMatchObject({
      filename: 'Antrag.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
    });
    const received = Buffer.from(attachment.contentBase64, 'base64');
    expect(received.equals(Buffer.from(pdf))).toBe(true);
    expect(received.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await request('GET', `${mail.http.url}/mails/${captured.id}`)).body.id).toBe(captured.id);
  });

  it('filters by recipient and clears on DELETE', async () => {
    const transport = nodemailer.createTransport({
      host: mail.smtp.host,
      port: mail.smtp.port,
      secure: false,
    });
    await transport.sendMail({
      from: 'a@example.org',
      to: 'standesamt@coswig.example',
      subject: 'Geburtsurkunde',
      text: 'x',
    });
    transport.close();
    expect(
      (await request('GET', `${mail.http.url}/mails?to=standesamt@coswig.example`)).body.mails.map(
        (m: any) => m.subject,
      ),
    ).toEqual(['Geburtsurkunde']);
    expect((await request('GET', `${mail.http.url}/mails?to=nobody@example.org`)).body.mails).toEqual([]);
    expect((await request('DELETE', `${mail.http.url}/mails`)).status).toBe(204);
    expect((await request('GET', `${mail.http.url}/mails`)).body.mails).toEqual([]);
  });
});
