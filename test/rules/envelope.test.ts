import { describe, expect, it } from 'vitest';
import {
  applicationEnvelope,
  derivedUuid,
  ENVELOPE_NS,
  escapeXml,
  toNcName,
  type EnvelopeInput,
} from '../../rules/envelope';
import { compileToSef } from '../../rules/compile';
import { runRule } from '../../rules/transform';
import { assertSafeXml } from '../../rules/safeXml';

const input: EnvelopeInput = {
  applicationId: 'A-20260701-0000000001',
  service: { leikaId: '99050012104000', name: 'Gewerbe anmelden' },
  municipality: { ars: '146120000000', name: 'Dresden, Stadt' },
  office: { id: 'dresden-gewerbeamt', name: 'Gewerbeamt <Dresden>' },
  implementationLevel: 2,
  submittedAt: '2026-07-01 09:30:00+02',
  applicant: { name: 'Erika "Eri" Müller & Co', email: 'erika@example.org' },
  formData: {
    'first name': 'Erika',
    '1st': true,
    nested: { deep: { value: 3.5 } },
    tags: ['a', { b: 'c' }, null],
    script: '</formData><injected/>',
    control: 'bell\u0007here',
  },
  attachments: [{ filename: 'a&b.pdf', mediaType: 'application/pdf', sha256: 'ab'.repeat(32), size: 10 }],
};

// Reads envelope values back with a real XSLT processor, so the test checks the XML, not its text.
const probe =
  await compileToSef(`<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xpath-default-namespace="${ENVELOPE_NS}" expand-text="yes">
  <xsl:output method="text"/>
  <xsl:template match="/application">{@messageType}|{office/name}|{applicant/name}|{formData/first_name}|{formData/first_name/@key}|{formData/_1st}|{formData/nested/deep/value}|{count(formData/tags/item)}|{formData/tags/item[2]/b}|{formData/script}|{formData/control}|{attachments/attachment/filename}|{submittedAt}|{count(formData//injected)}</xsl:template>
</xsl:stylesheet>`);

describe('applicationEnvelope', () => {
  it('builds well-formed XML whose values read back exactly, with keys turned into NCNames and arrays into items', async () => {
    // given form data with awkward keys, markup, quotes and a control character
    // when
    const xml = applicationEnvelope(input);
    // then
    expect(() => assertSafeXml(xml)).not.toThrow();
    const values = (await runRule({ sef: probe }, xml)).split('|');
    expect(values).toEqual([
      'application',
      'Gewerbeamt <Dresden>',
      'Erika "Eri" Müller & Co',
      'Erika',
      'first name',
      'true',
      '3.5',
      '3',
      'c',
      '</formData><injected/>',
      'bellhere',
      'a&b.pdf',
      '2026-07-01T07:30:00.000Z',
      '0',
    ]);
  });

  it('derives stable UUIDs: one per application (case) and one per message', () => {
    const first = applicationEnvelope(input);
    const again = applicationEnvelope(input);
    const supplement = applicationEnvelope({ ...input, messageType: 'supplement' });
    const uuid = (xml: string, name: string) => new RegExp(`<${name}>([^<]+)</${name}>`).exec(xml)?.[1];
    expect(first).toBe(again);
    expect(uuid(first, 'caseUuid')).toBe(uuid(supplement, 'caseUuid'));
    expect(uuid(first, 'messageUuid')).not.toBe(uuid(supplement, 'messageUuid'));
    expect(uuid(first, 'messageUuid')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(uuid(applicationEnvelope({ ...input, messageId: 'A-1/notice/0/dms' }), 'messageUuid')).toBe(
      derivedUuid('message:A-1/notice/0/dms'),
    );
  });

  it('carries notices, documents and extra payload for later messages', async () => {
    const xml = applicationEnvelope({
      ...input,
      messageType: 'record',
      notice: { text: 'Genehmigt.', decision: 'approved' },
      documents: [
        {
          filename: 'Bescheid.pdf',
          mediaType: 'application/pdf',
          sha256: 'cd'.repeat(32),
          size: 99,
          title: 'Bescheid',
        },
      ],
      payload: { finalStatus: 'COMPLETED' },
    });
    const sef =
      await compileToSef(`<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xpath-default-namespace="${ENVELOPE_NS}" expand-text="yes">
      <xsl:output method="text"/>
      <xsl:template match="/application">{@messageType}|{notice/text}|{documents/document/title}|{payload/finalStatus}</xsl:template></xsl:stylesheet>`);
    expect(await runRule({ sef }, xml)).toBe('record|Genehmigt.|Bescheid|COMPLETED');
  });

  it('refuses form data nested deeper than any real form', () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 60; i++) deep = { d: deep };
    expect(() => applicationEnvelope({ ...input, formData: deep })).toThrow(/nested deeper/);
  });
});

describe('toNcName and escapeXml', () => {
  it.each([
    ['plain', 'plain'],
    ['with space', 'with_space'],
    ['1st', '_1st'],
    ['', '_'],
    ['a:b', 'a_b'],
    ['Straße', 'Straße'],
    ['-x', '_-x'],
  ])('toNcName(%j) = %j', (key, expected) => {
    expect(toNcName(key)).toBe(expected);
  });

  it('escapes markup characters and drops characters XML cannot carry', () => {
    expect(escapeXml('<a href="x">&</a>\u0000\uD800')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});
