import assert from 'node:assert/strict';
import { DEFAULT_MODELS, DEFAULT_ROUTES } from '../../../../src/core/models/modelTable';
import { analyzeRouting } from '../../../../src/core/quality/analyzeRouting';
import type { QualitySignal } from '../../../../src/core/quality/signal';
import { ledgerToJson } from '../../../../src/core/report/exportLedger';
import { parseLedgerExport } from '../../../../src/core/report/ledgerImport';
import { routingTrialLedger } from '../../../fixtures/routingTrialLedger';

const NOW = new Date('2026-03-20T12:00:00Z');
const trial = routingTrialLedger({ end: new Date(NOW.getTime() - 3_600_000) });
const records = trial.map((c) => c.record);
const signals: QualitySignal[] = trial.map((c, i) => ({ v: 1, id: `q${i}`, time: new Date(Date.parse(c.record.time) + 1000).toISOString(), call: c.record.id, name: c.signal }));
const options = { routes: DEFAULT_ROUTES, models: DEFAULT_MODELS, now: NOW };

describe('ledger export: routing advice from an exported ledger alone', () => {
  it('puts each call\'s signals beside it in the JSON export', () => {
    const exported = JSON.parse(ledgerToJson(records.slice(0, 2), signals)) as { id: string; signals: QualitySignal[] }[];
    assert.deepEqual(exported.map((r) => r.signals), [[signals[0]], [signals[1]]]);
  });

  it('gives the same analysis from the export as from the ledger and quality log', () => {
    const imported = parseLedgerExport(ledgerToJson(records, signals));
    assert.equal(imported.skipped, 0);
    assert.deepEqual(imported.records, records);
    assert.equal(imported.signals.length, signals.length);
    const fromExport = analyzeRouting(imported.records, imported.signals, options);
    assert.deepEqual(fromExport, analyzeRouting(records, signals, options));
    assert.equal(fromExport.advice[0].kind, 'switch');
  });

  it('leaves out what is not a record, and a signal filed under another call', () => {
    const text = JSON.stringify([
      { ...records[0], signals: [signals[0], signals[1]] },
      { hello: 'world' },
      { ...records[1], signals: 'none' },
    ]);
    const imported = parseLedgerExport(text);
    assert.deepEqual(imported.records, [records[0], records[1]]);
    assert.deepEqual(imported.signals, [signals[0]]);
    assert.equal(imported.skipped, 2);
    assert.throws(() => parseLedgerExport('{"not": "an array"}'), /JSON array of records/);
  });
});
