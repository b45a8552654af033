import { compileRule, compileToSef } from '../rules/compile';
import { runRule } from '../rules/transform';
const ok = `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:param name="p" select="'x'"/>
<xsl:template match="/"><out p="{$p}"><xsl:value-of select="count(//*)"/></out></xsl:template>
</xsl:stylesheet>`;
const sef = compileRule(ok);
console.log(await runRule({ id: '1', sef }, '<a><b/></a>', { p: 'zz' }));
console.log(await runRule({ id: '1', sef }, '<a><b/><c/></a>'));
for (const bad of [`<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/">
  <out><xsl:value-of select="count(//*"/></out></xsl:template>
</xsl:stylesheet>`, `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/">
     <out><xsl:vlue-of select="1"/></out></xsl:template>
</xsl:stylesheet>`, `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/">
  <out></y></xsl:template>
</xsl:stylesheet>`, `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/"><out><xsl:copy-of select="doc (: hi :) ('file:///etc/passwd')"/></out></xsl:template>
</xsl:stylesheet>`, `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" expand-text="yes">
<xsl:template match="/"><out>{unparsed-text('/etc/passwd')}</out></xsl:template>
</xsl:stylesheet>`, `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:include href="other.xsl"/>
</xsl:stylesheet>`,`<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:saxon="http://saxon.sf.net/">
</xsl:stylesheet>`]) {
  try { compileRule(bad); console.log('NO ERROR'); } catch (e: any) { console.log(e.name, e.message, e.line, e.column, e.construct); }
}
const evil = compileToSef(`<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/"><out><xsl:value-of select="unparsed-text(concat('fi','le:///etc/passwd'))"/></out></xsl:template></xsl:stylesheet>`);
try { console.log(await runRule({ sef: evil }, '<a/>')); } catch (e: any) { console.log(e.name, e.code, e.message); }
const evil2 = compileToSef(`<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/"><xsl:result-document href="file:///tmp/pwned.txt"><x/></xsl:result-document><out/></xsl:template></xsl:stylesheet>`);
try { console.log(await runRule({ sef: evil2 }, '<a/>')); } catch (e: any) { console.log(e.name, e.code, e.message); }
