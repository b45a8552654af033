import SaxonJS from 'saxon-js';
function checksum(a){function b(c,f){f<<=8;for(let l=0;l<c.length;l++)f=(f<<1)+c.charCodeAt(l);return f}function d(c,f,l){return b(c,l)^b(f,l)}function h(c){e^=d(c.N,"http://ns.saxonica.com/xslt/export",g++);for(let f in c)c.hasOwnProperty(f)&&"N"!==f&&"C"!==f&&f!==String.fromCharCode(931)&&(e^=d(f,"",g),e^=b(c[f],g));c.C&&c.C.forEach(function(f){h(f)});e^=1}let e=0,g=0;h(a);a[String.fromCharCode(931)]=(0>e?4294967295+e+1:e).toString(16)}
function parents(a){ a.C && a.C.forEach(c => { c.parentNode = a; parents(c); }); }
const compiler = SaxonJS.getPlatform().resource('compiler');
parents(compiler);
function compile(text) {
  const doc = SaxonJS.getPlatform().parseXmlFromString(text, true);
  doc._saxonBaseUri = 'urn:drehscheibe:rule'; doc._saxonDocUri = 'urn:drehscheibe:rule';
  const stylesheetParams = new SaxonJS.XdmMap();
  stylesheetParams.inSituPut(SaxonJS.XS.QName.fromParts('', '', 'staticParameters'), [new SaxonJS.XdmMap()]);
  const opts = SaxonJS.checkOptions({ stylesheetInternal: compiler, initialMode: 'compile-complete', templateParams: { 'Q{}options': { noXPath: false, relocatable: false } }, tunnelParams: {}, functionParams: {}, stylesheetParams, destination: 'application', outputProperties: {}, isDynamicStylesheet: true });
  SaxonJS.internalTransform(compiler, doc, opts);
  const res = opts.principalResult;
  console.log(typeof res, res && res.nodeType, Array.isArray(res));
  const node = Array.isArray(res) ? res[0] : res;
  return SaxonJS.XPath.sefToJSON(node.firstChild ?? node, false);
}
const xsl = `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:param name="p" select="'x'"/>
<xsl:template match="/"><out p="{$p}"><xsl:value-of select="count(//*)"/></out></xsl:template>
</xsl:stylesheet>`;
let t=Date.now();
const sef = compile(xsl);
console.log('compiled', Date.now()-t, JSON.stringify(sef).length, Object.keys(sef), sef.expiry, sef.target, sef.targetVersion, sef.saxonVersion);
t=Date.now();
checksum(sef); const sef2 = JSON.parse(JSON.stringify(sef));
const out = SaxonJS.transform({ stylesheetInternal: sef2, sourceText: '<a><b/></a>', destination: 'serialized', stylesheetParams: {'p':'yy'} }, 'sync');
console.log(out.principalResult, Date.now()-t);
t=Date.now();
for (let i=0;i<100;i++) SaxonJS.transform({ stylesheetInternal: sef2, sourceText: '<a><b/></a>', destination: 'serialized' }, 'sync');
console.log('100 runs', Date.now()-t);
const bad = `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/">
  <out><xsl:value-of select="count(//*"/></out></xsl:template>
</xsl:stylesheet>`;
try { compile(bad) } catch (e) { console.log('ERR', Object.keys(e), e.message, e.code, e.xsltLineNr, e.xsltModule); }
const bad2 = `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/">
  <out><xsl:vlue-of select="1"/></out></xsl:template>
</xsl:stylesheet>`;
try { compile(bad2) } catch (e) { console.log('ERR', Object.keys(e), e.message, e.code); }
for (const b of [bad2, `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/">
  <out>
    <xsl:value-of select="$undeclared"/></out></xsl:template>
</xsl:stylesheet>`, `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/">
  <out>
  <x a="{1 +}"/>
    <xsl:value-of select="1"/></out></xsl:template>
</xsl:stylesheet>`, `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/">
  <out>
  <x a="1"></y>
    <xsl:value-of select="1"/></out></xsl:template>
</xsl:stylesheet>`, `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/"><xsl:value-of select="foo:bar()"/></xsl:template></xsl:stylesheet>`]) {
try { compile(b) } catch (e) { console.log('ERR', JSON.stringify(Object.fromEntries(Object.entries(e))), e.message); }
}
const evil = `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/"><out><xsl:value-of select="count(collection('file:///etc'))"/></out></xsl:template></xsl:stylesheet>`;
const esef = compile(evil); checksum(esef);
for (const guard of [false, true]) {
  const p = SaxonJS.getPlatform(); const orig = p.readFile; const origHttp = p.makeHttpRequest;
  if (guard) { p.readFile = (u) => { throw new SaxonJS.XError('blocked read of ' + u, 'DS0001'); }; p.makeHttpRequest = () => { throw new Error('blocked http'); }; }
  try { const o = SaxonJS.transform({ stylesheetInternal: JSON.parse(JSON.stringify(esef)), sourceText: '<a/>', destination: 'serialized', collectionFinder: (u) => { throw new Error('blocked collection ' + u); } }, 'sync'); console.log('guard', guard, 'OUT', o.principalResult); }
  catch (e) { console.log('guard', guard, 'ERR', e.code, e.message); }
  p.readFile = orig; p.makeHttpRequest = origHttp;
}
