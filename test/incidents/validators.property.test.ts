// Properties of the validators (fast-check, many runs, no servers): whatever a validator accepts, the steps
// after it accept too (the notice can be composed and rendered), and the API's schemas and the workflow's
// update validators accept exactly the same input.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { assertValid } from '../../api/validate';
import { decisionSchema, documentRequestSchema, objectionSchema } from '../../api/schemas/case';
import { assertNoticeInput, composeNotice, type NoticeInput } from '../../activities/notice';
import { renderNoticePdf } from '../../activities/noticePdf';
import { formOutputProblems } from '../../workflows/forms';
import { assertDecision, assertDocumentRequest, assertObjection } from '../../workflows/inputLimits';
import { REVIEW_FORM, reviewDecision } from '../../workflows/officeReview';
import { noticeDecision } from '../../workflows/noticeAndAppeal';
import { texts } from '../../workflows/texts';

const RUNS = 2000;

/** Text as people type it: DIN 91379 letters, emoji, line breaks, blanks, quotes, and plain ASCII. */
const humanText = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc
      .array(
        fc.constantFrom(
          'Ayşe',
          'Yılmaz',
          'Łódź',
          'Øberg',
          'Straße',
          '🌻',
          '👩‍👩‍👧',
          '\n',
          '\r\n',
          ' ',
          '\t',
          '„',
          '“',
          '"',
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join('')),
    fc.constant(''),
    fc.constant('   \n  '),
  );

const reviewOutput = fc.record(
  {
    decision: fc.oneof(fc.constantFrom('approved', 'rejected'), fc.string(), fc.integer()),
    reasons: fc.oneof(
      humanText(200),
      fc.constant('ä'.repeat(20_000)),
      fc.constant('x'.repeat(20_001)),
      fc.integer(),
    ),
    decidedBy: humanText(40),
  },
  { requiredKeys: [] },
);

const noticeInput = (decision: {
  decision: 'approved' | 'rejected' | 'acknowledged';
  reasons: string;
  decidedBy: string;
}) =>
  ({
    applicationId: 'A-20261130-0000000001',
    serviceName: 'Gewerbeanmeldung',
    authority: {
      municipality: 'Radebeul',
      office: 'Ordnungsamt',
      address: { street: 'Pestalozzistraße 6', postalCode: '01445', city: 'Radebeul' },
    },
    applicant: { name: 'Ayşe Yılmaz' },
    decision: decision.decision,
    reasons: decision.reasons,
    issuedOn: '2026-11-30',
    signedBy: decision.decidedBy,
  }) satisfies NoticeInput;

const accepts = (fn: () => void) => {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
};

describe('validators accept nothing that fails a later step', () => {
  test('review output accepted by the form yields a notice that composes', () => {
    fc.assert(
      fc.property(reviewOutput, (output) => {
        fc.pre(formOutputProblems(REVIEW_FORM, output).length === 0);
        const decision = noticeDecision(reviewDecision(output));
        expect(() => assertNoticeInput(noticeInput(decision))).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });

  test('the form check never throws and refuses what the review form cannot take', () => {
    fc.assert(
      fc.property(fc.anything(), (output) => {
        const problems = formOutputProblems(REVIEW_FORM, output);
        const ok = problems.length === 0;
        if (ok) expect(['approved', 'rejected']).toContain((output as Record<string, unknown>).decision);
      }),
      { numRuns: RUNS },
    );
  });

  test('a decision accepted by the update validator composes a notice; blank reasons get the standard sentence', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('approved', 'rejected'),
        humanText(300),
        humanText(40),
        (kind, reasons, decidedBy) => {
          const d = { decision: kind, reasons, decidedBy };
          fc.pre(accepts(() => assertDecision(d)));
          const notice = composeNotice(noticeInput(noticeDecision(d)));
          if (!reasons.trim())
            expect(notice.reasons!.paragraphs.join(' ')).toContain(
              texts.standardReasons(kind === 'approved'),
            );
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('accepted decisions render as PDF (emoji, line breaks, maximal length)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('approved', 'rejected'), humanText(2000), async (kind, reasons) => {
        const pdf = await renderNoticePdf(
          composeNotice(noticeInput(noticeDecision({ decision: kind, reasons, decidedBy: '' }))),
        );
        expect(pdf.length).toBeGreaterThan(1000);
      }),
      { numRuns: 25 },
    );
  });
});

describe('the API schemas and the update validators agree', () => {
  const schemaAccepts = (schema: object, body: unknown) => accepts(() => assertValid(schema, body, 'body'));

  test('decision bodies', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            decision: fc.oneof(fc.constantFrom('approved', 'rejected'), fc.string()),
            reasons: fc.oneof(humanText(100), fc.constant('x'.repeat(20_001))),
          },
          { requiredKeys: [] },
        ),
        (body) => {
          expect(schemaAccepts(decisionSchema, body)).toBe(accepts(() => assertDecision(body)));
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('document requests (deadline in the future)', () => {
    const now = Date.now();
    fc.assert(
      fc.property(humanText(60), fc.integer({ min: 1, max: 10_000_000 }), (description, inMs) => {
        const body = { description, deadline: new Date(now + inMs + 60_000).toISOString() };
        expect(schemaAccepts(documentRequestSchema, body)).toBe(
          accepts(() => assertDocumentRequest(body, now)),
        );
      }),
      { numRuns: RUNS },
    );
  });

  test('objections', () => {
    fc.assert(
      fc.property(humanText(100), (reasons) => {
        expect(schemaAccepts(objectionSchema, { reasons })).toBe(accepts(() => assertObjection({ reasons })));
      }),
      { numRuns: RUNS },
    );
  });
});
