import { existsSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileRule, compileToSef } from '../../rules/compile';
import { RuleCompileError, RuleRunError, RuleUnsafeError } from '../../rules/ruleErrors';
import { SANDBOX_ERROR_CODE } from '../../rules/saxon';
import { runRule } from '../../rules/transform';

const XSL = 'xmlns:xsl="http://www.w3.org/1999/XSL/Transform"';
const stylesheet = (body: string, extra = '') =>
  `<xsl:stylesheet version="3.0" ${XSL} ${extra}>\n${body}\n</xsl:stylesheet>`;

async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('compileRule', () => {
  it('compiles XSLT 3.0 to a SEF that runs with parameters', async () => {
    // given
    const sef = await compileRule(
      stylesheet(`<xsl:param name="greeting" select="'Hallo'"/>
      <xsl:template match="/"><out n="{count(//*)}"><xsl:value-of select="$greeting"/></out></xsl:template>`),
    );
    // when
    const withDefault = await runRule({ sef }, '<a><b/></a>');
    const withParam = await runRule({ id: 'compile-test-1', sef }, '<a><b/><c/></a>', { greeting: 'Moin' });
    // then
    expect(sef.N).toBe('package');
    expect(withDefault).toContain('<out n="2">Hallo</out>');
    expect(withParam).toContain('<out n="3">Moin</out>');
  });

  it('reports an XPath syntax error with line and column', async () => {
    const error = await rejection(() =>
      compileRule(
        stylesheet(
          '<xsl:template match="/">\n  <out><xsl:value-of select="count(//*"/></out>\n</xsl:template>',
        ),
      ),
    );
    expect(error).toBeInstanceOf(RuleCompileError);
    const compileError = error as RuleCompileError;
    expect(compileError.line).toBe(3);
    expect(compileError.column).toBe(30);
    expect(compileError.message).toMatch(/line 3, column 30: XPath \{count\(\/\/\*\}/);
  });

  it('reports an unknown XSLT instruction with its line and column', async () => {
    const error = (await rejection(() =>
      compileRule(stylesheet('<xsl:template match="/">\n   <xsl:vlue-of select="1"/>\n</xsl:template>')),
    )) as RuleCompileError;
    expect(error).toBeInstanceOf(RuleCompileError);
    expect([error.line, error.column]).toEqual([3, 4]);
    expect(error.message).toMatch(/xsl:vlue-of is not a known XSLT element/);
  });

  it('reports XML that is not well-formed with line and column', async () => {
    const error = (await rejection(() =>
      compileRule(stylesheet('<xsl:template match="/">\n  <out></wrong>\n</xsl:template>')),
    )) as RuleCompileError;
    expect(error).toBeInstanceOf(RuleCompileError);
    expect([error.line, error.column]).toEqual([3, 8]);
  });

  it.each([
    [
      'document()',
      '<xsl:template match="/"><xsl:copy-of select="document(\'file:///etc/passwd\')"/></xsl:template>',
      'document()',
    ],
    [
      'doc() behind an XPath comment',
      '<xsl:template match="/"><xsl:copy-of select="doc (: look away :) (\'file:///etc/passwd\')"/></xsl:template>',
      'doc()',
    ],
    [
      'fn:doc() with a prefix',
      '<xsl:template match="/"><xsl:copy-of select="fn:doc(\'/etc/passwd\')" xmlns:fn="http://www.w3.org/2005/xpath-functions"/></xsl:template>',
      'doc()',
    ],
    [
      'doc() as a function reference',
      '<xsl:template match="/"><xsl:variable name="f" select="doc#1"/><xsl:copy-of select="$f(\'/etc/passwd\')"/></xsl:template>',
      'doc()',
    ],
    [
      'doc-available()',
      '<xsl:template match="/"><xsl:value-of select="doc-available(\'/etc/passwd\')"/></xsl:template>',
      'doc-available()',
    ],
    [
      'unparsed-text() in a text value template',
      '<xsl:template match="/"><out>{unparsed-text(\'/etc/passwd\')}</out></xsl:template>',
      'unparsed-text()',
    ],
    [
      'unparsed-text-lines() in an attribute value template',
      '<xsl:template match="/"><out a="{unparsed-text-lines(\'/etc/passwd\')}"/></xsl:template>',
      'unparsed-text-lines()',
    ],
    [
      'collection()',
      '<xsl:template match="/"><xsl:value-of select="count(collection(\'file:///etc\'))"/></xsl:template>',
      'collection()',
    ],
    [
      'uri-collection()',
      '<xsl:template match="/"><xsl:value-of select="uri-collection(\'file:///etc\')"/></xsl:template>',
      'uri-collection()',
    ],
    [
      'json-doc()',
      '<xsl:template match="/"><xsl:value-of select="json-doc(\'http://example.org/x.json\')"/></xsl:template>',
      'json-doc()',
    ],
    [
      'transform()',
      '<xsl:template match="/"><xsl:value-of select="transform(map{})"/></xsl:template>',
      'transform()',
    ],
    [
      'function-lookup()',
      '<xsl:template match="/"><xsl:value-of select="function-lookup(xs:QName(\'fn:doc\'), 1)" xmlns:xs="http://www.w3.org/2001/XMLSchema"/></xsl:template>',
      'function-lookup()',
    ],
    [
      'load-xquery-module()',
      '<xsl:template match="/"><xsl:value-of select="load-xquery-module(\'urn:x\')"/></xsl:template>',
      'load-xquery-module()',
    ],
    [
      'environment-variable()',
      '<xsl:template match="/"><xsl:value-of select="environment-variable(\'DATABASE_URL\')"/></xsl:template>',
      'environment-variable()',
    ],
    [
      'xsl:result-document',
      '<xsl:template match="/"><xsl:result-document href="file:///tmp/x.xml"><x/></xsl:result-document></xsl:template>',
      'xsl:result-document',
    ],
    [
      'xsl:source-document',
      '<xsl:template match="/"><xsl:source-document href="file:///etc/passwd"><x/></xsl:source-document></xsl:template>',
      'xsl:source-document',
    ],
    [
      'xsl:import with href',
      '<xsl:import href="http://example.org/evil.xsl"/>',
      'xsl:import href="http://example.org/evil.xsl"',
    ],
    ['xsl:include with href', '<xsl:include href="other.xsl"/>', 'xsl:include href="other.xsl"'],
    [
      'xsl:import-schema',
      '<xsl:import-schema schema-location="http://example.org/s.xsd"/>',
      'xsl:import-schema',
    ],
    [
      'xsl:evaluate',
      '<xsl:template match="/"><xsl:evaluate xpath="\'doc(&quot;/etc/passwd&quot;)\'"/></xsl:template>',
      'xsl:evaluate',
    ],
    [
      'a saxon: extension namespace',
      '<xsl:template match="/"/>',
      'xmlns:saxon="http://saxon.sf.net/"',
      'xmlns:saxon="http://saxon.sf.net/"',
    ],
    [
      'an ixsl: call',
      '<xsl:template match="/"><xsl:value-of select="ixsl:page()"/></xsl:template>',
      'ixsl:page()',
    ],
    [
      'a js: call',
      '<xsl:template match="/"><xsl:value-of select="js:eval(\'1\')"/></xsl:template>',
      'js:eval()',
    ],
  ])('refuses %s before compiling', async (_name, body, extraOrConstruct, construct?) => {
    // given a stylesheet that would read files, URLs or leave the processor's sandbox
    const xslt = construct ? stylesheet(body, extraOrConstruct) : stylesheet(body);
    // when
    const error = (await rejection(() => compileRule(xslt))) as RuleUnsafeError;
    // then
    expect(error).toBeInstanceOf(RuleUnsafeError);
    expect(error.construct).toBe(construct ?? extraOrConstruct);
    expect(error.message).toMatch(/Rules may only transform their input/);
  });

  it('refuses a stylesheet with a DOCTYPE (entities) as unsafe', async () => {
    const xslt = `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${stylesheet('<xsl:template match="/">&e;</xsl:template>')}`;
    expect(await rejection(() => compileRule(xslt))).toBeInstanceOf(RuleUnsafeError);
  });

  it('does not mistake harmless names for forbidden functions', async () => {
    const sef = await compileRule(
      stylesheet(`<xsl:template match="/"><documentation doc="1" collection="x">
      <xsl:value-of select="string-join((//document, //doc/@href, 'transform'), ',')"/></documentation></xsl:template>`),
    );
    expect(sef.N).toBe('package');
  });
});

describe('the run-time sandbox (a rule that got past the scanner)', () => {
  it('cannot read /etc/passwd through document() with a computed URI', async () => {
    // given a rule compiled without the scan, as if the scanner had missed it
    const sef = await compileToSef(
      stylesheet(
        `<xsl:template match="/"><out><xsl:copy-of select="document(concat('fi', 'le:///etc/passwd'))"/></out></xsl:template>`,
      ),
    );
    // when
    const error = (await rejection(() => runRule({ sef }, '<a/>'))) as RuleRunError;
    // then
    expect(error).toBeInstanceOf(RuleRunError);
    expect(error.code).toBe(SANDBOX_ERROR_CODE);
    expect(error.message).toMatch(/file:\/\/\/etc\/passwd blocked/);
    expect(error.message).not.toMatch(/root:/);
  });

  it('cannot read a file as text through unparsed-text()', async () => {
    const sef = await compileToSef(
      stylesheet(
        `<xsl:template match="/"><out><xsl:value-of select="unparsed-text(concat('file:///etc/', 'hostname'))"/></out></xsl:template>`,
      ),
    );
    const error = (await rejection(() => runRule({ sef }, '<a/>'))) as RuleRunError;
    expect(error.code).toBe(SANDBOX_ERROR_CODE);
  });

  it('cannot list a directory through collection()', async () => {
    const sef = await compileToSef(
      stylesheet(
        `<xsl:template match="/"><out><xsl:value-of select="count(collection('file:///etc'))"/></out></xsl:template>`,
      ),
    );
    const error = (await rejection(() => runRule({ sef }, '<a/>'))) as RuleRunError;
    expect(error.code).toBe(SANDBOX_ERROR_CODE);
  });

  it('cannot write a file through xsl:result-document', async () => {
    const target = `/tmp/drehscheibe-rule-sandbox-${process.pid}.xml`;
    rmSync(target, { force: true });
    const sef = await compileToSef(
      stylesheet(
        `<xsl:template match="/"><xsl:result-document href="file://${target}"><pwned/></xsl:result-document><out/></xsl:template>`,
      ),
    );
    const error = (await rejection(() => runRule({ sef }, '<a/>'))) as RuleRunError;
    expect(error.code).toBe(SANDBOX_ERROR_CODE);
    expect(existsSync(target)).toBe(false);
  });

  it('cannot probe a file at compile time through use-when', async () => {
    // given a rule that compiles one template if /etc/passwd is readable and another if not
    const sef = await compileToSef(
      stylesheet(`<xsl:template match="/" use-when="unparsed-text-available('file:///etc/passwd')"><readable/></xsl:template>
      <xsl:template match="/" use-when="not(unparsed-text-available('file:///etc/passwd'))"><unreadable/></xsl:template>`),
    );
    // when / then: the file, which exists, looked unreadable to the compiler
    expect(await runRule({ sef }, '<a/>')).toContain('<unreadable/>');
  });

  it('leaves ordinary rules working after a blocked access', async () => {
    const sef = await compileRule(stylesheet('<xsl:template match="/"><ok/></xsl:template>'));
    expect(await runRule({ sef }, '<a/>')).toContain('<ok/>');
  });

  it('refuses an unsafe input document', async () => {
    const sef = await compileRule(stylesheet('<xsl:template match="/"><ok/></xsl:template>'));
    const error = (await rejection(() =>
      runRule({ sef }, '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>'),
    )) as RuleRunError;
    expect(error.code).toBe('unsafe-xml:doctype');
  });
});
