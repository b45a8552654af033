import { describe, expect, it } from 'vitest';
import { BpmnParseError, decodeXml, MAX_FILE_BYTES, parseBpmn } from '../../bpmn/parse';
import { buildReport } from '../../bpmn/report';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"';
const minimal = (body = '') =>
  `<?xml version="1.0"?>\n<bpmn:definitions ${NS} id="d">\n<bpmn:process id="p">${body}</bpmn:process>\n</bpmn:definitions>`;

async function refusal(xml: string, filename = 'model.bpmn'): Promise<BpmnParseError> {
  const error = await parseBpmn([{ filename, xml }]).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BpmnParseError);
  return error as BpmnParseError;
}

describe('parsing BPMN files', () => {
  it('reports malformed XML as BpmnParseError with file, line and column', async () => {
    // given a closing tag that does not match (line 3)
    const xml = `<?xml version="1.0"?>\n<bpmn:definitions ${NS} id="d">\n  <bpmn:process id="p"><bpmn:task id="t"></bpmn:process>\n</bpmn:definitions>`;
    // when it is parsed
    const error = await refusal(xml, 'broken.bpmn');
    // then the error names the problem and where it is
    expect(error.code).toBe('malformed');
    expect(error.filename).toBe('broken.bpmn');
    expect(error.line).toBe(3);
    expect(error.column).toBeGreaterThan(1);
    expect(error.message).toMatch(/broken\.bpmn \(line 3, column \d+\)/);
  });

  it('refuses a DOCTYPE before any parser sees it', async () => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<bpmn:definitions ${NS} id="d">&x;</bpmn:definitions>`;
    const error = await refusal(xml);
    expect(error.code).toBe('unsafe-xml');
    expect(error.message).toMatch(/DOCTYPE/);
  });

  it('refuses undefined entity references and oversize files', async () => {
    expect((await refusal(minimal('&ouml;'))).code).toBe('unsafe-xml');
    const big = minimal(`<bpmn:documentation>${'x'.repeat(MAX_FILE_BYTES)}</bpmn:documentation>`);
    const error = await refusal(big);
    expect(error.code).toBe('unsafe-xml');
    expect(error.message).toMatch(/larger than/);
  });

  it('refuses well-formed XML that is not BPMN', async () => {
    const error = await refusal('<?xml version="1.0"?><html><body/></html>');
    expect(error.code).toBe('not-bpmn');
  });

  it('refuses an empty import and duplicate file names', async () => {
    expect(await parseBpmn([]).catch((e: BpmnParseError) => e.code)).toBe('no-files');
    const twice = [
      { filename: 'a.bpmn', xml: minimal() },
      { filename: 'a.bpmn', xml: minimal() },
    ];
    expect(await parseBpmn(twice).catch((e: BpmnParseError) => e.code)).toBe('duplicate-filename');
  });

  it('keeps unknown elements as warnings instead of failing', async () => {
    // given an element bpmn-moddle does not know inside the process
    const parsed = await parseBpmn([
      { filename: 'x.bpmn', xml: minimal('<bpmn:startEvent id="s"/><bpmn:frobnicate id="f"/>') },
    ]);
    // then parsing succeeds and the report carries the warning
    expect(parsed.files[0]!.warnings.length).toBeGreaterThan(0);
    const report = buildReport(parsed);
    expect(report.findings.some((f) => f.code === 'unparsable-content' || f.code === 'xml-warning')).toBe(
      true,
    );
  });

  it('decodes files by their declared encoding', () => {
    const bytes = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>'),
      Buffer.from([0xfc]),
      Buffer.from('</a>'),
    ]);
    expect(decodeXml(bytes)).toContain('<a>ü</a>');
    expect(decodeXml(Buffer.from('<?xml version="1.0"?><a>ü</a>'))).toContain('<a>ü</a>');
  });

  it('hashes the import over names and contents', async () => {
    const a = await parseBpmn([{ filename: 'a.bpmn', xml: minimal() }]);
    const b = await parseBpmn([{ filename: 'b.bpmn', xml: minimal() }]);
    expect(a.sourceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.sourceHash).not.toBe(b.sourceHash);
  });
});
