// Validates rendered notices as PDF/A-3b with veraPDF (its library from Maven Central, run on the machine's Java).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, PDFName } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNoticeActivities, type NoticeInput } from '../../activities/notice';
import { renderSummaryPdf } from '../../activities/summaryPdf';
import { LETTERS, SEQUENCES } from './din91379';

const RUNNER = fileURLToPath(new URL('./verapdf/', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'verapdf-'));

const has = (command: string, args: string[]) => {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
// Java 17 and Maven come with the machine (CI too); without them the test says so rather than passing.
const tools = has('java', ['-version']) && has('mvn', ['-v']);

interface Verdict {
  file: string;
  flavour: string;
  compliant: boolean;
  failures: string[];
}

let classpath = '';
function validate(files: string[]): Verdict[] {
  const out = execFileSync('java', ['-cp', classpath, path.join(RUNNER, 'ValidatePdfA.java'), ...files], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  return out
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Verdict);
}

const input: NoticeInput = {
  applicationId: 'A-20250612-0123456789',
  fileReference: 'GA-2025-00042',
  serviceName: 'Gewerbeanmeldung',
  authority: {
    municipality: 'Große Kreisstadt Radebeul',
    office: 'Gewerbeamt',
    address: { street: 'Pestalozzistraße 6', postalCode: '01445', city: 'Radebeul' },
  },
  applicant: { name: 'Ayşe Yılmaz', address: { street: 'Øre 5', postalCode: '01234', city: 'Łódź' } },
  decision: 'rejected',
  reasons: [...LETTERS, ...SEQUENCES].join(' ') + '\n\n' + 'Die Prüfung ergab Bedenken. '.repeat(200),
  issuedOn: '2025-06-12',
  signedBy: 'Erika Mustermann',
  remedy: {
    objectionAuthority: {
      name: 'Landkreis Meißen',
      address: { street: 'Brauhausgasse 21', postalCode: '01662', city: 'Meißen' },
    },
    retrieveBy: '2025-06-24',
  },
};

// Needs no server: run once, in `npm test`, not again in test:external.
describe.runIf((tools || process.env.CI) && process.env.DREHSCHEIBE_EXPECT_EXTERNAL !== '1')(
  'veraPDF',
  () => {
    beforeAll(() => {
      // Resolves org.verapdf:validation-model into ~/.m2 once; later runs read the local repository.
      const file = path.join(dir, 'classpath.txt');
      execFileSync(
        'mvn',
        [
          '-q',
          '-B',
          '-f',
          path.join(RUNNER, 'pom.xml'),
          'dependency:build-classpath',
          `-Dmdep.outputFile=${file}`,
        ],
        {
          stdio: 'inherit',
          timeout: 540_000,
        },
      );
      classpath = readFileSync(file, 'utf8').trim();
    }, 600_000);

    it('given rendered notices (DIN 91379 text, several pages, both decisions), and the mailed application summary, then veraPDF finds them PDF/A-3b compliant', async () => {
      const { renderNotice } = createNoticeActivities();
      const files: string[] = [];
      for (const [name, notice] of [
        ['rejection.pdf', input],
        ['approval.pdf', { ...input, decision: 'approved', reasons: 'Keine Bedenken.', remedy: undefined }],
        ['portal-id-only.pdf', { ...input, fileReference: undefined }],
      ] as const) {
        const rendered = await renderNotice(notice as NoticeInput);
        files.push(path.join(dir, name));
        writeFileSync(files.at(-1)!, Buffer.from(rendered.pdfBase64, 'base64'));
      }
      files.push(path.join(dir, 'summary.pdf'));
      writeFileSync(
        files.at(-1)!,
        await renderSummaryPdf('Gewerbeanmeldung – A-1', { applicant: { name: 'Ayşe Yılmaz' } }, new Date()),
      );
      const verdicts = validate(files);
      expect(
        verdicts.map((v) => ({ flavour: v.flavour, compliant: v.compliant, failures: v.failures })),
      ).toEqual(files.map(() => ({ flavour: '3b', compliant: true, failures: [] })));
    }, 240_000);

    it('given a notice stripped of its output intent and XMP, then veraPDF rejects it naming both', async () => {
      const { renderNotice } = createNoticeActivities();
      const rendered = await renderNotice(input);
      const pdf = await PDFDocument.load(Buffer.from(rendered.pdfBase64, 'base64'), {
        updateMetadata: false,
      });
      pdf.catalog.delete(PDFName.of('OutputIntents'));
      pdf.catalog.delete(PDFName.of('Metadata'));
      const file = path.join(dir, 'stripped.pdf');
      writeFileSync(file, await pdf.save({ useObjectStreams: false }));
      const [verdict] = validate([file]);
      expect(verdict!.compliant).toBe(false);
      // ISO 19005-3 6.6.2.1 (metadata stream) and 6.2.4.3 (device colour without output intent).
      expect(verdict!.failures.some((f) => f.startsWith('6.6.2.1'))).toBe(true);
      expect(verdict!.failures.some((f) => f.startsWith('6.2.4.3'))).toBe(true);
    }, 240_000);
  },
);
