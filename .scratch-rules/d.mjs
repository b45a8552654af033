import SaxonJS from 'saxon-js';
const doc = SaxonJS.getPlatform().parseXmlFromString(`<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:f="urn:f">
<!-- c --><xsl:template match="/"><out a="{1}" xsl:use-when="true()">t{x}<?p i?></out></xsl:template></xsl:stylesheet>`, true);
const root = doc.documentElement;
console.log(doc.constructor.name, root.constructor.name, root.namespaceURI, root.localName, root.nodeName, root.prefix);
console.log(Array.from(root.attributes).map(a => [a.name, a.namespaceURI, a.localName, a.value]));
const t = root.getElementsByTagName ? 'gebtn' : 'no';
console.log(t, Array.from(root.childNodes).map(n => [n.nodeType, n.nodeName]));
const out = root.childNodes[2].childNodes[0];
console.log(out.nodeName, Array.from(out.attributes).map(a => [a.name, a.namespaceURI, a.value]), Array.from(out.childNodes).map(n => [n.nodeType, n.nodeValue ?? n.data]));
console.log(root.lookupNamespaceURI && root.lookupNamespaceURI('f'));
