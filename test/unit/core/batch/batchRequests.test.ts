import assert from 'node:assert/strict';
import { bulkEditJob, reviewJob, type BatchFileFacts, type BulkEditJobInput, type ReviewJobInput } from '../../../../src/core/batch/batchRequests';
import { CUSTOM_ID_PATTERN } from '../../../../src/core/batch/customIds';
import { REVIEW_EXPECTED_OUTPUT_TOKENS } from '../../../../src/core/batch/estimate';
import { fingerprint } from '../../../../src/core/batch/node/fingerprint';
import { DEFAULT_MODELS, DEFAULT_ROUTES } from '../../../../src/core/models/modelTable';
import { FINDINGS_SCHEMA } from '../../../../src/core/review/findings';
import { reviewSystem } from '../../../../src/core/review/reviewPrompt';
import { parseRules, STARTER_RULES } from '../../../../src/core/review/rules';
import { estimateTokens } from '../../../../src/core/tokens/estimate';

const rules = parseRules([{ path: '.tandem/rules.md', text: STARTER_RULES }]);
const file = (path: string, text: string, languageId = 'typescript'): BatchFileFacts => ({ path, languageId, text, uri: `file:///work/app/${path}` });
const FILES = [
  file('src/app.ts', 'export const answer = 42;\n'),
  file('src/db/query.py', 'def run(sql):\n    return sql\n', 'python'),
  file('src/util/strings.ts', 'export function pad(s: string) {\r\n  return s;\r\n}\r\n'),
];
/** A fingerprint a test can read: what was sent, marked. */
const sentAs = (text: string) => `sent:${text.length}`;
const review = (overrides: Partial<ReviewJobInput> = {}) =>
  reviewJob({ files: FILES, skipped: [], rules, route: DEFAULT_ROUTES.review, folderLabel: 'src', fingerprint: sentAs, ...overrides });
const gpt = DEFAULT_MODELS['gpt-5.4-mini'];
const bulkEdit = (overrides: Partial<BulkEditJobInput> = {}) =>
  bulkEditJob({ files: FILES, skipped: [], instruction: 'add a JSDoc comment to every exported function', route: DEFAULT_ROUTES.editSelection, spec: gpt, fingerprint: sentAs, ...overrides });
const userText = (content: unknown) => content as string;

describe('batch requests: a folder review', () => {
  it('one review request per file on the review route\'s model, answered as findings, the whole file numbered', () => {
    const job = review();
    assert.equal(job.kind, 'review');
    assert.equal(job.model, 'claude-haiku-4-5');
    assert.equal(job.title, 'Review src/ (3 files)');
    assert.equal(job.requests.length, 3);
    for (const { request, expectedOutputTokens } of job.requests) {
      assert.equal(request.task, 'review');
      assert.equal(request.model, 'claude-haiku-4-5');
      assert.deepEqual(request.jsonSchema, FINDINGS_SCHEMA);
      assert.equal(request.maxOutputTokens, DEFAULT_ROUTES.review.maxOutputTokens);
      assert.equal(request.reasoningEffort, DEFAULT_ROUTES.review.reasoningEffort);
      assert.deepEqual(request.system, reviewSystem(rules), 'the cached prefix: the same for every file');
      assert.equal(expectedOutputTokens, REVIEW_EXPECTED_OUTPUT_TOKENS);
    }
    const python = userText(job.requests[1].request.messages[0].content);
    assert.match(python, /File: src\/db\/query\.py \(language: python\)/);
    assert.match(python, /1\| def run\(sql\):\n\s*2\| {5}return sql/);
    // A file with Windows line endings is still one chunk of all its lines.
    assert.match(userText(job.requests[2].request.messages[0].content), /3\| }/);
  });

  it('each item names its file, where its answer lands, and the fingerprint of the text sent', () => {
    assert.deepEqual(review().requests.map((r) => r.item), [
      { customId: 'f0000-src-app-ts', path: 'src/app.ts', uri: 'file:///work/app/src/app.ts', sentHash: sentAs(FILES[0].text) },
      { customId: 'f0001-src-db-query-py', path: 'src/db/query.py', uri: 'file:///work/app/src/db/query.py', sentHash: sentAs(FILES[1].text) },
      { customId: 'f0002-src-util-strings-ts', path: 'src/util/strings.ts', uri: 'file:///work/app/src/util/strings.ts', sentHash: sentAs(FILES[2].text) },
    ]);
  });
});

describe('batch requests: a bulk edit', () => {
  it('one edit request per file on the edit route\'s model, the instruction in the shared system text, no schema', () => {
    const job = bulkEdit();
    assert.equal(job.kind, 'bulkEdit');
    assert.equal(job.model, 'gpt-5.4-mini');
    assert.equal(job.instruction, 'add a JSDoc comment to every exported function');
    assert.equal(job.title, 'Bulk edit: add a JSDoc comment to every exported f… (3 files)');
    for (const [index, { request, expectedOutputTokens }] of job.requests.entries()) {
      assert.equal(request.task, 'editSelection');
      assert.equal(request.model, 'gpt-5.4-mini');
      assert.equal(request.jsonSchema, undefined);
      assert.equal(request.reasoningEffort, DEFAULT_ROUTES.editSelection.reasoningEffort);
      assert.match(request.system.join('\n'), /Instruction for every file: add a JSDoc comment to every exported function/);
      assert.match(userText(request.messages[0].content), new RegExp(`File: ${FILES[index].path.replace(/\./g, '\\.')}`));
      assert.equal(expectedOutputTokens, estimateTokens(FILES[index].text, 'openai'), 'the answer is the whole file again');
    }
  });

  it('gives each answer room for the whole file and some growth, never less than the route\'s, never more than the model\'s', () => {
    const small = file('src/small.ts', 'x'.repeat(400));
    const large = file('src/large.ts', 'y'.repeat(40_000)); // 10,000 tokens → 15,512
    const huge = file('src/huge.ts', 'z'.repeat(400_000)); // 100,000 tokens → more than the model writes
    const budgets = bulkEdit({ files: [small, large, huge] }).requests.map((r) => r.request.maxOutputTokens);
    assert.deepEqual(budgets, [DEFAULT_ROUTES.editSelection.maxOutputTokens, 15_512, gpt.maxOutput]);
  });

  it('keeps a short instruction whole in the title, and names one file as one', () => {
    assert.equal(bulkEdit({ instruction: 'use const', files: [FILES[0]] }).title, 'Bulk edit: use const (1 file)');
  });
});

describe('batch requests: custom ids, an empty list, files left out', () => {
  it('custom ids are stable: the same files give the same ids, whichever kind of job and however often built', () => {
    const ids = (job: ReturnType<typeof review>) => job.requests.map((r) => r.item.customId);
    assert.deepEqual(ids(review()), ids(review()));
    assert.deepEqual(ids(bulkEdit()), ids(review()));
    assert.ok(ids(review()).every((id) => CUSTOM_ID_PATTERN.test(id)));
  });

  it('two files with the same slug still get different ids', () => {
    const twins = [file('src/a-b.ts', '1;'), file('src/a_b.ts', '2;')];
    const [first, second] = review({ files: twins }).requests.map((r) => r.item.customId);
    assert.notEqual(first, second);
  });

  it('no files: no requests, and the title says so', () => {
    assert.deepEqual(review({ files: [] }).requests, []);
    assert.equal(review({ files: [] }).title, 'Review src/ (0 files)');
    assert.deepEqual(bulkEdit({ files: [] }).requests, []);
  });

  it('files left out are carried to the job as given, and get no request', () => {
    const skipped = ['.env is excluded by a built-in rule (.env files).', 'assets/logo.png is not text.'];
    for (const job of [review({ skipped }), bulkEdit({ skipped })]) {
      assert.deepEqual(job.skipped, skipped);
      assert.deepEqual(job.requests.map((r) => r.item.path), FILES.map((f) => f.path));
    }
  });
});

describe('batch requests: the sent text\'s fingerprint (Node)', () => {
  it('the same text gives the same fingerprint whatever its line endings; other text another', () => {
    assert.equal(fingerprint('a\r\nb\r\n'), fingerprint('a\nb\n'));
    assert.notEqual(fingerprint('a\nb\n'), fingerprint('a\nc\n'));
    assert.match(fingerprint(''), /^[0-9a-f]{16}$/);
  });
});
