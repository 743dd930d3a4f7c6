// The join of OpenAI's output, error and input files, on file text as the Batch API writes it.
import assert from 'node:assert/strict';
import type { Batch } from 'openai/resources/batches';
import type { BatchItemResult } from '../../../../src/core/batch/batchClient';
import { collectOpenAIResults } from '../../../../src/providers/batch/openaiResults';
import { openaiStatus } from '../../../../src/providers/batch/openaiStatus';

const KEY = 'sk-test-openai-0123456789abcdef';
const jsonl = (...lines: object[]) => lines.map((l) => `${JSON.stringify(l)}\n`).join('');
const INPUT = jsonl(...['a', 'b', 'c'].map((id) => ({ custom_id: id, method: 'POST', url: '/v1/responses', body: {} })));
const ANSWER = {
  custom_id: 'b',
  response: {
    status_code: 200,
    request_id: 'req_1',
    body: { model: 'gpt-5.4-mini', status: 'completed', output: [{ type: 'message', content: [{ type: 'output_text', text: 'Hi' }] }], usage: { input_tokens: 10, output_tokens: 2 } },
  },
  error: null,
};

function batch(over: Partial<Batch>): Batch {
  return { id: 'batch_1', object: 'batch', endpoint: '/v1/responses', completion_window: '24h', created_at: 0, input_file_id: 'in', status: 'completed', ...over };
}

async function collect(b: Batch, files: Record<string, string>): Promise<{ results: BatchItemResult[]; read: string[] }> {
  const read: string[] = [];
  const results = await collectOpenAIResults(b, openaiStatus(b, [KEY]), async (id) => (read.push(id), files[id] ?? ''), [KEY]);
  return { results, read };
}

describe('collectOpenAIResults', () => {
  it('in an expired batch, requests with no line at all are expired, in input order', async () => {
    const b = batch({ status: 'expired', output_file_id: 'out', request_counts: { total: 3, completed: 1, failed: 0 } });
    const { results, read } = await collect(b, { out: jsonl(ANSWER), in: INPUT });
    assert.deepEqual(read, ['out', 'in']);
    assert.deepEqual(results.map((r) => `${r.customId}:${r.kind}`), ['a:expired', 'b:succeeded', 'c:expired']);
  });

  it('reads no input file when every request has a line', async () => {
    const lines = ['a', 'c'].map((id) => ({ custom_id: id, response: { status_code: 400, body: { error: { type: 'invalid_request_error', message: `bad ${id}` } } }, error: null }));
    const b = batch({ output_file_id: 'out', error_file_id: 'err', request_counts: { total: 3, completed: 1, failed: 2 } });
    const { results, read } = await collect(b, { out: jsonl(ANSWER), err: jsonl(...lines) });
    assert.deepEqual(read, ['out', 'err']);
    assert.deepEqual(results[1], { customId: 'a', kind: 'errored', reason: 'invalid_request_error: bad a' });
  });

  it('a failed batch reports every request errored with the reason OpenAI gave', async () => {
    const b = batch({ status: 'failed', errors: { data: [{ code: 'mismatched_url', line: 2, message: 'The url must match.' }] }, request_counts: { total: 0, completed: 0, failed: 0 } });
    assert.equal(openaiStatus(b, [KEY]).message, 'line 2: The url must match.');
    const { results } = await collect(b, { in: INPUT });
    assert.deepEqual(results, ['a', 'b', 'c'].map((customId) => ({ customId, kind: 'errored', reason: 'The batch failed: line 2: The url must match.' })));
  });
});
