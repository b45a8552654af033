import net from 'node:net';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { DEMO_PORT_OFFSETS, TEST_PERSONS, startDemoOrganisation } from '../../demo/organisation';
import { request } from '../support/http';
import { xdomeaContainer } from './xdomeaSample';

/** A block of nine ports that were free a moment ago (another process may still take one). */
async function freeBlock(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const ports = Array.from({ length: 9 }, (_, i) => base + i);
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return base;
  }
  throw new Error('no free block of 9 ports found');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

describe('demo organisation', () => {
  it('starts every system on free ports and each speaks its protocol with its credential', async () => {
    // given
    const org = await startDemoOrganisation();
    try {
      const { urls, credentials } = org;
      const ports = [...Object.values(urls).map((u) => new URL(u).port), String(org.smtp.port)];
      expect(new Set(ports).size).toBe(9);
      // when / then: one real call per system
      const xml = await request('POST', `${urls.fachverfahrenXml}/inbox`, {
        token: credentials.fachverfahrenXml,
        body: '<a/>',
        contentType: 'application/xml',
      });
      const json = await request('POST', `${urls.fachverfahrenJson}/inbox`, {
        token: credentials.fachverfahrenJson,
        body: { a: 1 },
      });
      const crossed = await request('POST', `${urls.fachverfahrenJson}/inbox`, {
        token: credentials.fachverfahrenXml,
        body: { a: 1 },
      });
      const filed = await fetch(`${urls.dms}/xdomea`, {
        method: 'POST',
        headers: { authorization: `Bearer ${credentials.dms}`, 'content-type': 'application/zip' },
        body: (await xdomeaContainer()).zip,
      });
      const erika = TEST_PERSONS.erika;
      const resident = await request(
        'GET',
        `${urls.residents}/residents?familyName=${erika.familyName}&givenName=${erika.givenName}&birthDate=${erika.birthDate}`,
        { token: credentials.residents },
      );
      const trades = await request('GET', `${urls.trades}/trades?ars=${erika.address.ars}`, {
        token: credentials.trades,
      });
      const payment = await request('GET', `${urls.payment}/payments`, { token: credentials.payment });
      const official = await request('POST', `${urls.tradeReceivers}/receivers/demo-ihk`, {
        token: credentials.tradeReceivers,
        body: '<kein-xgewerbeanzeige/>',
        contentType: 'application/xml',
        headers: { 'idempotency-key': 'demo-1' },
      });
      const transport = nodemailer.createTransport({
        host: org.smtp.host,
        port: org.smtp.port,
        secure: false,
      });
      await transport.sendMail({
        from: 'hub@example.org',
        to: 'amt@example.org',
        subject: 'Test',
        text: 'x',
      });
      transport.close();
      const mails = await request('GET', `${urls.mailHttp}/mails?to=amt@example.org`);
      expect([
        xml.status,
        json.status,
        crossed.status,
        filed.status,
        resident.status,
        trades.status,
        payment.status,
        official.status,
      ]).toEqual([201, 201, 401, 201, 200, 200, 200, 422]);
      expect(xml.body.system).toBe('GewerbePro');
      expect(json.body.system).toBe('AmtsDesk');
      expect(mails.body.mails).toHaveLength(1);
    } finally {
      await org.stop();
    }
  });

  it('uses basePort and the following ports, and frees them on stop', async () => {
    const base = await freeBlock();
    const org = await startDemoOrganisation({ basePort: base });
    expect(org.urls.fachverfahrenXml).toBe(`http://127.0.0.1:${base}`);
    expect(org.urls.dms).toBe(`http://127.0.0.1:${base + DEMO_PORT_OFFSETS.dms}`);
    expect(org.smtp.port).toBe(base + DEMO_PORT_OFFSETS.smtp);
    expect(org.urls.payment).toBe(`http://127.0.0.1:${base + DEMO_PORT_OFFSETS.payment}`);
    await org.stop();
    expect(await Promise.all(Array.from({ length: 9 }, (_, i) => isFree(base + i)))).toEqual(
      Array(9).fill(true),
    );
  });

  it('says which port is taken and leaves nothing running when one is in use', async () => {
    // given the DMS port is occupied
    const base = await freeBlock();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(base + DEMO_PORT_OFFSETS.dms, '127.0.0.1', resolve));
    try {
      // when / then
      await expect(startDemoOrganisation({ basePort: base })).rejects.toThrow(
        `DMS: port ${base + DEMO_PORT_OFFSETS.dms} is in use`,
      );
      expect(await isFree(base)).toBe(true);
      expect(await isFree(base + 1)).toBe(true);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
