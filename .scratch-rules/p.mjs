import SaxonJS from 'saxon-js';
const p = SaxonJS.getPlatform();
console.log(Object.keys(p).join(' '));
console.log(Object.keys(SaxonJS).join(' '));
