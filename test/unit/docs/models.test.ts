import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { DEFAULT_MODELS } from '../../../src/core/models/modelTable';
import { usdPerMTok } from '../../../src/core/models/settingsText';

const ROOT = path.resolve(__dirname, '../../..');

/** The rows of the first table in `source` whose header names `firstColumns`: label → the other cells. */
function tableRows(source: string, header: readonly string[]): Map<string, string[]> {
  const tokens = new MarkdownIt().parse(source, {});
  const rows: string[][] = [];
  let row: string[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'tr_open') row = [];
    if ((token.type === 'th_open' || token.type === 'td_open') && row) row.push(tokens[i + 1].children?.map((c) => c.content).join('') ?? '');
    if (token.type === 'tr_close' && row) rows.push(row);
    if (token.type === 'table_close') {
      if (header.every((h, j) => rows[0]?.[j + 1] === h)) return new Map(rows.slice(1).map(([label, ...cells]) => [label, cells]));
      rows.length = 0;
    }
  }
  throw new Error(`no table with the columns ${header.join(', ')}`);
}

describe('docs/models.md', () => {
  it('shows the built-in models with the prices and limits Tandem bills and routes by', () => {
    const models = [DEFAULT_MODELS['gpt-5.4-mini'], DEFAULT_MODELS['claude-haiku-4-5']];
    const rows = tableRows(fs.readFileSync(path.join(ROOT, 'docs/models.md'), 'utf8'), models.map((m) => m.displayName));
    const count = (n: number): string => n.toLocaleString('en-US');
    const expected: Record<string, (m: (typeof models)[number]) => string> = {
      'model id': (m) => m.id,
      input: (m) => usdPerMTok(m.prices.input),
      'output (includes reasoning tokens)': (m) => usdPerMTok(m.prices.output),
      'cached input read': (m) => usdPerMTok(m.prices.cacheRead),
      'cache write': (m) => usdPerMTok(m.prices.cacheWrite5m),
      'Batch API': (m) => `${100 - m.prices.batchPercent}% off`,
      'context window (input + output)': (m) => count(m.contextWindow),
      'most input in one request': (m) => count(m.maxInput),
      'longest answer': (m) => count(m.maxOutput),
      'shortest prompt prefix that is cached': (m) => count(m.minCacheablePrefix),
    };
    for (const [label, value] of Object.entries(expected)) {
      const cells = rows.get(label);
      assert.ok(cells, `the table has a row "${label}"`);
      models.forEach((model, i) => assert.ok(cells[i].startsWith(value(model)), `${label} for ${model.displayName}: "${cells[i]}" should start with ${value(model)}`));
    }
    // Anthropic's second cache write, the 1-hour one, is in the same cell.
    assert.ok(rows.get('cache write')?.[1].includes(usdPerMTok(DEFAULT_MODELS['claude-haiku-4-5'].prices.cacheWrite1h)));
  });
});
