import assert from 'node:assert/strict';
import type { BatchItem, BatchStatus } from '../../../../src/core/batch/batchClient';
import { bulkEditJob, reviewJob, type BatchFileFacts } from '../../../../src/core/batch/batchRequests';
import { createJob, priceJob, type CreateJobPorts, type Redact } from '../../../../src/core/batch/createJob';
import { estimateBatchCost } from '../../../../src/core/batch/estimate';
import { jobProblem, type BatchJob } from '../../../../src/core/batch/job';
import { ProviderError } from '../../../../src/core/calls/providerError';
import { DEFAULT_MODELS, DEFAULT_ROUTES } from '../../../../src/core/models/modelTable';
import { parseRules, STARTER_RULES } from '../../../../src/core/review/rules';
import { counts } from './fixtures';

const NOW = new Date('2025-03-04T09:00:00.000Z');
const haiku = DEFAULT_MODELS['claude-haiku-4-5'];
const gpt = DEFAULT_MODELS['gpt-5.4-mini'];
const files: BatchFileFacts[] = [
  { path: 'src/app.ts', languageId: 'typescript', text: 'const key = "sk-live-1234";\n', uri: 'file:///work/app/src/app.ts' },
  { path: 'src/db.ts', languageId: 'typescript', text: 'export const db = open();\n', uri: 'file:///work/app/src/db.ts' },
];
const review = reviewJob({ files, skipped: [], rules: parseRules([{ path: '.tandem/rules.md', text: STARTER_RULES }]), route: DEFAULT_ROUTES.review, folderLabel: 'src', fingerprint: (t) => `h${t.length}` });
const bulkEdit = bulkEditJob({ files, skipped: [], instruction: 'use const', route: DEFAULT_ROUTES.editSelection, spec: gpt, fingerprint: (t) => `h${t.length}` });
/** Replaces the one secret of these files, as ModelService.redact would. */
const redact: Redact = (_task, system, messages) => ({
  system: system.map((s) => s.replaceAll('sk-live-1234', '[secret]')),
  messages: messages.map((m) => ({ ...m, content: (m.content as string).replaceAll('sk-live-1234', '[secret]') })),
});
const accepted: BatchStatus = { id: 'msgbatch_01', phase: 'running', counts: counts({ total: 2 }) };

/** A provider whose answer to submit the test gives when it likes; a store that keeps what it is given. */
function world() {
  const stored: BatchJob[] = [];
  const sent: BatchItem[][] = [];
  let answer: { resolve: (s: BatchStatus) => void; reject: (e: unknown) => void } | undefined;
  let started = () => {};
  const submitting = new Promise<void>((resolve) => (started = resolve));
  const ports: { -readonly [K in keyof CreateJobPorts]: CreateJobPorts[K] } = {
    client: async () => ({
      submit: (items) => {
        sent.push([...items]);
        started();
        return new Promise<BatchStatus>((resolve, reject) => (answer = { resolve, reject }));
      },
    }),
    store: { put: async (job) => void stored.push(job) },
    now: () => NOW,
  };
  return { ports, stored, sent, submitting, answer: () => answer ?? assert.fail('submit was not called') };
}

describe('creating a batch job: what the user confirms', () => {
  it('every request redacted before it is priced or sent; the estimate is of the redacted prompts', () => {
    const priced = priceJob(review, haiku, redact);
    const texts = priced.requests.map((r) => r.request.messages[0].content as string);
    assert.match(texts[0], /\[secret\]/);
    assert.doesNotMatch(texts.join('\n'), /sk-live-1234/);
    assert.deepEqual(priced.requests.map((r) => r.item), review.requests.map((r) => r.item));
    assert.deepEqual(priced.estimate, estimateBatchCost(priced.requests.map((r) => r.request), haiku, { expectedOutputTokens: (i) => review.requests[i].expectedOutputTokens }));
  });
});

describe('creating a batch job: submit, then store', () => {
  it('stores the job only once the provider accepted the batch: running, with the provider\'s id, ready to poll', async () => {
    const w = world();
    const creating = createJob(w.ports, priceJob(bulkEdit, gpt, redact));
    await w.submitting;
    assert.deepEqual(w.stored, [], 'nothing stored while the provider has not answered');
    w.answer().resolve(accepted);
    const job = await creating;

    assert.deepEqual(w.stored, [job]);
    assert.equal(jobProblem(job), undefined, 'a job the next session can load');
    assert.equal(job.phase, 'running');
    assert.equal(job.batchId, 'msgbatch_01');
    assert.equal(job.kind, 'bulkEdit');
    assert.equal(job.provider, 'openai');
    assert.equal(job.model, 'gpt-5.4-mini');
    assert.equal(job.instruction, 'use const');
    assert.equal(job.createdAt, NOW.toISOString());
    assert.ok(job.nextPollAt && Date.parse(job.nextPollAt) > NOW.getTime(), 'the first poll is due later');
    assert.deepEqual(job.prices, gpt.prices, 'the prices kept, in case the model leaves the catalog');
    assert.deepEqual(job.items, bulkEdit.requests.map((r) => r.item));
    assert.match(job.id, /^job-[0-9a-z]+-[0-9a-z]{1,4}$/);
    // What was sent: one item per file, joined on its custom id, redacted.
    assert.deepEqual(w.sent[0].map((i) => i.customId), job.items.map((i) => i.customId));
    assert.doesNotMatch(JSON.stringify(w.sent), /sk-live-1234/);
  });

  it('a review job keeps no instruction', async () => {
    const w = world();
    const creating = createJob(w.ports, priceJob(review, haiku, redact));
    await w.submitting;
    w.answer().resolve(accepted);
    const job = await creating;
    assert.equal(job.kind, 'review');
    assert.equal(job.provider, 'anthropic');
    assert.equal('instruction' in job, false);
  });

  it('a submit the provider refuses rejects with the provider\'s error and stores nothing', async () => {
    const w = world();
    const refusal = new ProviderError('openai', 'bad-request', 'The batch input file is larger than 200 MB.', { status: 400 });
    const creating = createJob(w.ports, priceJob(bulkEdit, gpt, redact));
    await w.submitting;
    w.answer().reject(refusal);
    await assert.rejects(creating, (error) => error === refusal);
    assert.deepEqual(w.stored, []);
  });

  it('no client to submit with (no key, an endpoint not trusted): nothing is sent and nothing stored', async () => {
    const w = world();
    w.ports.client = async () => {
      throw new Error('No OpenAI API key is set.');
    };
    await assert.rejects(createJob(w.ports, priceJob(bulkEdit, gpt, redact)), /No OpenAI API key/);
    assert.deepEqual(w.stored, []);
    assert.deepEqual(w.sent, []);
  });
});
