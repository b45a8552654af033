// Given the demo DMS, when xdomea containers arrive (valid, incomplete, tampered, hostile), then it files the
// valid ones with their files byte-identical and refuses every other one with a clear error, filing nothing.
import crypto from 'node:crypto';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDms, type Dms } from '../../demo/servers/dms';
import { ruleText } from '../../rules/catalog';
import { packContainer, xdomeaReferences } from '../../rules/xdomeaContainer';
import { isSafeEntryName, safeEntryName, uniqueEntryNames } from '../../rules/xdomeaEntryNames';
import { validateXml } from '../../rules/xsd';
import { request } from '../support/http';
import { xdomeaContainer, xdomeaMessage } from './xdomeaSample';

const TOKEN = 'dms-secret';
const FIXED_ID = '0000000a-0000-4000-8000-000000000000';

async function post(
  url: string,
  body: Buffer | string,
  options: { key?: string; contentType?: string; token?: string; name?: string } = {},
) {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/zip' };
  if (options.token !== '') headers.authorization = `Bearer ${options.token ?? TOKEN}`;
  if (options.key) headers['idempotency-key'] = options.key;
  if (options.name) headers['content-disposition'] = `attachment; filename="${options.name}"`;
  const res = await fetch(`${url}/xdomea`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** One small PDF per name; the i-th holds "%PDF-1.4 i". */
const pdfs = (names: string[]) =>
  names.map((filename, i) => ({
    filename,
    mediaType: 'application/pdf',
    content: Buffer.from(`%PDF-1.4 ${i}`),
  }));

/** A ZIP with exactly these entries (the sample's entries, changed as a test needs). */
const zip = (entries: Record<string, Uint8Array>) => Buffer.from(zipSync(entries));

describe('demo DMS (xdomea 3.0.0 FVDaten containers)', () => {
  let dms: Dms;
  const file = (body: Buffer | string, key?: string, contentType?: string) =>
    post(dms.url, body, { key, contentType });

  beforeAll(async () => {
    dms = await startDms({ credential: TOKEN });
  });
  afterAll(async () => {
    await dms?.stop();
  });
  beforeEach(async () => {
    await request('DELETE', `${dms.url}/records`);
    await request('POST', `${dms.url}/_control/outage`, { body: { on: false, failNext: 0 } });
  });

  it('files a case, its documents byte-identical, finds it by Vorgang, application id and Kennzeichen, and closes it', async () => {
    // given the application with two attachments and a notice of the same case
    const pdf = crypto.randomBytes(3000);
    const png = crypto.randomBytes(500);
    const application = await xdomeaContainer({
      files: [
        { filename: 'Mietvertrag.pdf', mediaType: 'application/pdf', content: pdf },
        { filename: 'Grundriss Erdgeschoß.png', mediaType: 'image/png', content: png },
      ],
    });
    const notice = await xdomeaContainer({
      applicationId: application.applicationId,
      messageType: 'notice',
      files: [
        { filename: 'Bescheid.pdf', mediaType: 'application/pdf', content: Buffer.from('%PDF notice') },
      ],
    });
    const closing = await xdomeaContainer({
      applicationId: application.applicationId,
      messageType: 'closing',
    });
    // when
    const a = await post(dms.url, application.zip, { key: 'k1', name: application.name });
    const n = await file(notice.zip, 'k2');
    const c = await file(closing.zip, 'k3');
    // then
    expect([a.status, n.status, c.status]).toEqual([201, 201, 201]);
    expect(a.body.container).toBe(application.name);
    expect(application.name).toMatch(/^[0-9a-f-]{36}_FVDaten\.SGOAblegen\.0605\.zip$/);
    const vorgangId = a.body.recordId;
    expect(n.body.recordId).toBe(vorgangId);
    const record = (await request('GET', `${dms.url}/records/${application.applicationId}`)).body;
    expect(record.recordIds).toEqual([vorgangId]);
    expect(record.messages.map((m: any) => m.facts.messageType)).toEqual([
      'FVDaten.SGOAblegen.0605',
      'FVDaten.SGOAblegen.0605',
      'FVDaten.SGOZDAVerfuegen.0624',
    ]);
    expect(record.closedAt).toBeDefined();
    expect(record.documents.map((d: any) => d.typ)).toEqual([
      'Anlage zum Antrag',
      'Anlage zum Antrag',
      'Bescheid',
    ]);
    for (const [name, content] of [...application.files, ...notice.files]) {
      const res = await fetch(`${dms.url}/records/${vorgangId}/files/${encodeURIComponent(name)}`);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);
    }
    const kennzeichen = record.kennzeichen[0];
    expect(kennzeichen).toMatch(/^32\.20\.01-2026\//);
    expect((await request('GET', `${dms.url}/records/${encodeURIComponent(kennzeichen)}`)).status).toBe(200);
    const list = await request('GET', `${dms.url}/records`);
    expect(list.body.records).toEqual([
      expect.objectContaining({ id: vorgangId, messageCount: 3, documentCount: 3 }),
    ]);
    expect((await request('GET', `${dms.url}/records/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('files attachments under every name the API takes: long, dotted, any script, symbols and emoji', async () => {
    // The chaos run found it: a 254-character name made a container entry longer than 255 characters.
    const names = [
      `${'ä'.repeat(250)}.pdf`,
      'a..b...pdf',
      '..pdf',
      '.hidden',
      'Łódź & <Plan>.pdf',
      'Nachweis Ayşe 😀.pdf',
      'C\u0328\u0306 Mu\u0302ller.pdf',
      '*',
    ];
    const sample = await xdomeaContainer({ files: pdfs(names) });
    expect((await validateXml(sample.xml, 'xdomea')).valid).toBe(true);
    expect([...sample.files.keys()]).toHaveLength(names.length);
    for (const entry of sample.files.keys()) expect(Buffer.byteLength(entry)).toBeLessThanOrEqual(255);
    expect(sample.xml).toContain(
      `<xdomea:DateinameOriginal>${'ä'.repeat(250)}.pdf</xdomea:DateinameOriginal>`,
    );
    // 255 bytes of UTF-8: the document id, "_", 107 two-byte letters and the extension
    expect([...sample.files.keys()].find((e) => e.includes('ääää'))).toMatch(/^[0-9a-f-]{36}_ä{107}\.pdf$/);
    const res = await file(sample.zip, 'names-1');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it('gives safe, distinct entries whatever Dateiname an uploaded filing rule writes, and the message names them', async () => {
    // given a custom filing rule that writes one fixed id (the schema wants a UUID first) and the file name as
    // it came, unchecked, as Dateiname
    const shipped = ruleText('xdomea-filing.xsl');
    const careless = shipped.replace(
      '<xdomea:Dateiname><xsl:value-of select="f:dateiname(.)"/></xdomea:Dateiname>',
      `<xdomea:Dateiname><xsl:value-of select="'${FIXED_ID}_' || filename"/></xdomea:Dateiname>`,
    );
    expect(careless).not.toBe(shipped);
    const names = [
      '../../etc/passwd',
      '/etc/shadow',
      '..\\..\\boot.ini',
      `${'中'.repeat(596)}.pdf`,
      'Zeile\neins\r\nzwei\t.pdf',
      '\u007fDEL\u0085NEL\u200eLRM.pdf',
      'Nachweis.pdf',
      'Nachweis.pdf',
      'NACHWEIS.pdf',
      '...',
    ];
    const { xml, contents } = await xdomeaMessage({ files: pdfs(names), xslt: careless });
    const written = xdomeaReferences(xml).files.map((f) => f.dateiname);
    expect(written).toContain(`${FIXED_ID}_../../etc/passwd`);
    expect(written.filter((n) => n === `${FIXED_ID}_Nachweis.pdf`)).toHaveLength(2);
    // when
    const packed = packContainer(xml, (id) => contents.get(id));
    // then every entry is flat, short, clean and distinct, and keeps its extension
    const refs = xdomeaReferences(packed.xml).files;
    const entries = packed.entries.slice(1);
    expect(entries).toEqual(refs.map((f) => f.dateiname));
    expect(entries).toHaveLength(names.length);
    expect(new Set(entries.map((e) => e.toLowerCase())).size).toBe(names.length);
    for (const entry of packed.entries) {
      expect(entry).not.toMatch(/[/\\]|\.\.|\p{Cc}|\p{Cf}|\s/u);
      expect(entry).toMatch(/^[\p{L}\p{N}]/u);
      expect(Buffer.byteLength(entry)).toBeLessThanOrEqual(255);
    }
    refs.forEach((ref, i) => {
      expect(contents.get(ref.documentId)).toEqual(Buffer.from(`%PDF-1.4 ${i}`));
      if (names[i]!.endsWith('.pdf')) expect(ref.dateiname).toMatch(/\.pdf$/);
    });
    expect(entries[3]).toMatch(/^[0-9a-f-]{36}_中{71}\.pdf$/);
    // the original names still travel in DateinameOriginal, and the DMS takes the container as it is
    expect(packed.xml).toContain('<xdomea:DateinameOriginal>../../etc/passwd</xdomea:DateinameOriginal>');
    expect((await validateXml(packed.xml, 'xdomea-fvdaten')).errors).toEqual([]);
    const answer = await file(packed.bytes, 'careless-rule');
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const record = dms.records()[0]!;
    expect(record.documents).toHaveLength(names.length);
  });

  it('refuses to pack a message whose ProzessID gives no safe container name (it cannot be renamed)', async () => {
    const { xml, contents } = await xdomeaMessage();
    const prozessId = xdomeaReferences(xml).prozessId;
    const hostile = xml.replace(
      `<xdomea:ProzessID>${prozessId}</xdomea:ProzessID>`,
      '<xdomea:ProzessID>../../etc/cron.d/x</xdomea:ProzessID>',
    );
    expect(hostile).not.toBe(xml);
    expect(() => packContainer(hostile, (id) => contents.get(id))).toThrow(
      expect.objectContaining({ name: 'ContainerError', code: 'unsafe-entry-name' }),
    );
  });

  it('derives entry names that are safe for any string, NUL and other control characters included', () => {
    const nul = safeEntryName('a\u0000b\u0001c\u001f.pdf');
    expect(nul).toBe('a_b_c_.pdf');
    expect(isSafeEntryName(safeEntryName(''))).toBe(true);
    expect(isSafeEntryName(safeEntryName('\u0000'))).toBe(true);
    expect(isSafeEntryName(safeEntryName('../..'))).toBe(true);
    // a long name of four-byte characters is cut between characters, never inside one
    expect(safeEntryName(`${'😀'.repeat(600)}.tar`)).toBe('Datei.tar');
    const astral = safeEntryName(`${'𝒜'.repeat(600)}.pdf`);
    expect(Buffer.byteLength(astral)).toBeLessThanOrEqual(255);
    expect(astral).toMatch(/^(?:𝒜)+\.pdf$/u);
    expect(isSafeEntryName(astral)).toBe(true);
    // two names differing only in case, or colliding with the message entry, still get distinct entries
    expect(uniqueEntryNames(['m.xml', 'a.pdf', 'A.PDF', 'a.pdf'], ['M.xml'])).toEqual([
      'm-2.xml',
      'a.pdf',
      'A-2.PDF',
      'a-3.pdf',
    ]);
    const long = `${'x'.repeat(300)}.pdf`;
    const [one, two] = uniqueEntryNames([long, long]);
    expect(one).not.toBe(two);
    expect(Buffer.byteLength(two!)).toBeLessThanOrEqual(255);
    expect(two).toMatch(/-2\.pdf$/);
  });

  it('refuses a message that does not validate against the FVDaten schema with 422 and the schema errors', async () => {
    // given a filing without its mandatory Erstellerkennung, and a message of another xdomea family
    const { xml, contents } = await xdomeaMessage();
    const invalid = xml.replace(/<xdomea:Erstellerkennung>[^<]*<\/xdomea:Erstellerkennung>/, '');
    expect(invalid).not.toBe(xml);
    const refs = xdomeaReferences(xml);
    const base = `${refs.prozessId}_${refs.messageName}`;
    const files = Object.fromEntries(refs.files.map((f) => [f.dateiname, contents.get(f.documentId)!]));
    const wrongRoot = `<x:Geschaeftsgang.Geschaeftsgang.0201 xmlns:x="urn:xoev-de:xdomea:schema:3.0.0"/>`;
    // when
    const missing = await file(zip({ [`${base}.xml`]: Buffer.from(invalid), ...files }), 'bad-1');
    const other = await file(
      zip({ [`${crypto.randomUUID()}_Geschaeftsgang.Geschaeftsgang.0201.xml`]: Buffer.from(wrongRoot) }),
      'bad-2',
    );
    // then
    expect(missing.status).toBe(422);
    expect(missing.body.error).toBe('schema-invalid');
    expect(missing.body.errors.join('\n')).toMatch(/Erstellerkennung/);
    expect(other.status).toBe(422);
    expect(other.body.errors[0]).toMatch(/FVDaten\.SGOAblegen\.0605/);
    expect(dms.records()).toHaveLength(0);
  });

  it('refuses a container with a wrong hash, a missing file, an extra entry or a misnamed message', async () => {
    const sample = await xdomeaContainer();
    const refs = xdomeaReferences(sample.xml);
    const base = `${refs.prozessId}_${refs.messageName}`;
    const message = { [`${base}.xml`]: Buffer.from(sample.xml) };
    const [name, content] = [...sample.files][0]!;
    const tampered = Buffer.from(content);
    tampered[0] = tampered[0]! ^ 0xff;
    // when
    const wrongHash = await file(zip({ ...message, [name]: tampered }));
    const missingFile = await file(zip(message));
    const extra = await file(zip({ ...message, [name]: content, 'Schadcode.exe': Buffer.from('MZ') }));
    const misnamed = await file(
      zip({ [`${crypto.randomUUID()}_${refs.messageName}.xml`]: Buffer.from(sample.xml), [name]: content }),
    );
    const wrongContainerName = await post(dms.url, sample.zip, { name: 'anders.zip' });
    // then
    expect(wrongHash).toMatchObject({
      status: 422,
      body: { error: 'container-invalid', code: 'hash-mismatch' },
    });
    const documentId = name.slice(0, 36);
    expect(wrongHash.body.detail).toContain(documentId);
    expect(wrongHash.body.detail).not.toContain('.pdf');
    expect(missingFile).toMatchObject({ status: 422, body: { code: 'missing-file' } });
    expect(missingFile.body.detail).toContain(documentId);
    expect(extra).toMatchObject({ status: 422, body: { code: 'unexpected-entry' } });
    expect(misnamed).toMatchObject({ status: 422, body: { code: 'misnamed-message' } });
    expect(wrongContainerName).toMatchObject({ status: 422, body: { code: 'misnamed-container' } });
    expect(dms.records()).toHaveLength(0);
  });

  it('refuses zip bombs, path traversal, oversized containers and bodies that are no ZIP', async () => {
    // given a DMS with small limits
    const small = await startDms({
      credential: TOKEN,
      limits: {
        maxContainerBytes: 200_000,
        maxEntries: 5,
        maxEntryBytes: 1_000_000,
        maxTotalBytes: 2_000_000,
      },
    });
    try {
      const sample = await xdomeaContainer();
      // a 50 MB entry of zeros packs into a few kB
      const bomb = zip({ 'a.bin': new Uint8Array(50_000_000) });
      expect(bomb.length).toBeLessThan(200_000);
      const traversal = zip({ '../../etc/cron.d/evil': Buffer.from('x') });
      const absolute = zip({ '/tmp/evil': Buffer.from('x') });
      const many = zip(Object.fromEntries([...Array(6).keys()].map((i) => [`f${i}.txt`, Buffer.from('x')])));
      const oversized = crypto.randomBytes(300_000);
      // when
      const answers = {
        bomb: await post(small.url, bomb),
        traversal: await post(small.url, traversal),
        absolute: await post(small.url, absolute),
        many: await post(small.url, many),
        oversized: await post(small.url, oversized),
        notZip: await post(small.url, Buffer.from('PK but not really')),
        xml: await post(small.url, sample.xml, { contentType: 'application/xml' }),
      };
      // then
      expect(answers.bomb).toMatchObject({ status: 422, body: { code: 'entry-too-large' } });
      expect(answers.traversal).toMatchObject({ status: 422, body: { code: 'unsafe-entry-name' } });
      expect(answers.absolute).toMatchObject({ status: 422, body: { code: 'unsafe-entry-name' } });
      expect(answers.many).toMatchObject({ status: 422, body: { code: 'too-many-entries' } });
      expect(answers.oversized.status).toBe(413);
      expect(answers.notZip).toMatchObject({ status: 422, body: { code: 'not-a-zip' } });
      expect(answers.xml.status).toBe(415);
      expect(answers.xml.body.detail).toMatch(/ZIP container/);
      expect(small.records()).toHaveLength(0);
    } finally {
      await small.stop();
    }
  });

  it('cuts an entry that lies about its size short instead of inflating it, and the hash catches it', async () => {
    const sample = await xdomeaContainer({
      files: [{ filename: 'Nullen.pdf', mediaType: 'application/pdf', content: Buffer.alloc(100_000) }],
    });
    const refs = xdomeaReferences(sample.xml);
    const [name, content] = [...sample.files][0]!;
    const honest = Buffer.from(
      zipSync({
        [`${refs.prozessId}_${refs.messageName}.xml`]: Buffer.from(sample.xml),
        [name]: [content, { level: 9 }],
      }),
    );
    // declare 10 bytes for the file in its local and central headers
    const nameBytes = Buffer.from(name);
    for (let i = 0; i + 46 < honest.length; i++) {
      const sig = honest.readUInt32LE(i);
      if (sig === 0x04034b50 && honest.subarray(i + 30, i + 30 + nameBytes.length).equals(nameBytes))
        honest.writeUInt32LE(10, i + 22);
      if (sig === 0x02014b50 && honest.subarray(i + 46, i + 46 + nameBytes.length).equals(nameBytes))
        honest.writeUInt32LE(10, i + 24);
    }
    const answer = await file(honest);
    expect(answer).toMatchObject({ status: 422, body: { code: 'hash-mismatch' } });
  });

  it('refuses unsafe XML (billion laughs) inside a container before any parser sees it', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
    const answer = await file(
      zip({ [`${crypto.randomUUID()}_FVDaten.SGOAblegen.0605.xml`]: Buffer.from(laughs) }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ error: 'unsafe-xml', code: 'doctype' });
  });

  it('refuses to close a Vorgang it never filed (xdomea error 0624001)', async () => {
    const closing = await xdomeaContainer({ messageType: 'closing' });
    expect(await validateXml(closing.xml, 'xdomea-fvdaten')).toEqual({ valid: true, errors: [] });
    const answer = await file(closing.zip);
    expect(answer).toMatchObject({ status: 422, body: { error: 'unknown-object', code: '0624001' } });
  });

  it('gives the same file in two cases two different document ids', async () => {
    const same = [
      { filename: 'Ausweis.pdf', mediaType: 'application/pdf', content: Buffer.from('%PDF same') },
    ];
    const one = await xdomeaContainer({ files: same });
    const two = await xdomeaContainer({ files: same });
    expect((await file(one.zip)).status).toBe(201);
    expect((await file(two.zip)).status).toBe(201);
    const ids = dms.records().flatMap((r) => r.documents.map((d) => d.documentId));
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(new Set(dms.records().flatMap((r) => r.documents.map((d) => d.sha256))).size).toBe(1);
  });

  it('files a container once per Idempotency-Key, also when both deliveries arrive at the same time', async () => {
    const { zip: body } = await xdomeaContainer();
    const [a, b] = await Promise.all([file(body, 'same'), file(body, 'same')]);
    const c = await file(body, 'same');
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(1);
    expect(dms.records()[0]!.messages).toHaveLength(1);
  });

  it('checks the credential', async () => {
    const { zip: body } = await xdomeaContainer();
    expect((await post(dms.url, body, { token: '' })).status).toBe(401);
    expect((await post(dms.url, body, { token: 'wrong' })).status).toBe(401);
    expect(dms.records()).toHaveLength(0);
  });

  it('answers 503 during an outage and files the redelivery afterwards', async () => {
    const { zip: body } = await xdomeaContainer();
    await request('POST', `${dms.url}/_control/outage`, { body: { on: true } });
    expect((await file(body, 'out-1')).status).toBe(503);
    await request('POST', `${dms.url}/_control/outage`, { body: { on: false } });
    expect((await file(body, 'out-1')).status).toBe(201);
    expect((await file(body, 'out-1')).status).toBe(200);
    expect(dms.records()[0]!.messages).toHaveLength(1);
  });

  it('packs only what the message references, and refuses to pack a reference the case does not hold', async () => {
    const { xml, contents } = await xdomeaMessage();
    const packed = packContainer(xml, (id) => contents.get(id));
    expect(packed.entries).toHaveLength(2);
    expect(() => packContainer(xml, () => undefined)).toThrow(/does not hold/);
  });
});
