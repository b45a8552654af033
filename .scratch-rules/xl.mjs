import { validateXML } from 'xmllint-wasm';
import fs from 'node:fs';
const d='/work/main/rules/schemas/xdomea-3.0.0/';
const files = fs.readdirSync(d).filter(f=>f.endsWith('.xsd'));
const preload = files.filter(f=>f!=='xdomea.xsd').map(f=>({fileName: f, contents: fs.readFileSync(d+f,'utf8')}));
preload.push({fileName: '../xoev/code/1_0/xoev-code.xsd', contents: fs.readFileSync('/work/main/rules/schemas/xoev/code/1_0/xoev-code.xsd','utf8')});
const xml = fs.readFileSync('/work/shared/corpus/xdomea-3.0.0/examples/9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml','utf8').replace('<xdomea:Erstellungszeitpunkt>','<xdomea:Erstellzeit>').replace('</xdomea:Erstellungszeitpunkt>','</xdomea:Erstellzeit>');
const t=Date.now();
try {
const r = await validateXML({ xml: [{fileName:'msg.xml', contents: xml}], schema: [{fileName:'xdomea.xsd', contents: fs.readFileSync(d+'xdomea.xsd','utf8')}], preload, disableFileNameValidation: true });
console.log(r.valid, r.errors.slice(0,5), r.rawOutput.slice(0,1000), Date.now()-t);
} catch(e) { console.log('ERR', e.message.slice(0,2000)); }
