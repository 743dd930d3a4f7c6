import assert from 'node:assert/strict';
import type { ReportModel } from '../../../src/core/report/reportModel.js';
import { axisUsd, dayAxis } from '../../../src/webview/report/charts.mjs';
import { formatPercent } from '../../../src/webview/report/labels.mjs';

function reportWith(period: ReportModel['period'], days: string[], generatedAt: Date): ReportModel {
  return {
    period,
    generatedAt: generatedAt.toISOString(),
    costByDay: days.map((day) => ({ day, costMicroUsd: 10, byModel: { 'gpt-5.4-mini': 10, 'claude-haiku-4-5': 0 } })),
  } as unknown as ReportModel;
}

describe('report charts: the time axis and labels', () => {
  const now = new Date(2026, 10, 24, 15, 0);

  it('shows every calendar day of the last 7 days, a quiet day as a zero column', () => {
    const axis = dayAxis(reportWith('7d', ['2026-11-19', '2026-11-24'], now));
    assert.deepEqual(axis.map((d) => d.day), ['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24']);
    assert.deepEqual(axis.map((d) => d.costMicroUsd), [0, 10, 0, 0, 0, 0, 10]);
  });

  it('runs "all" from its first day with calls to its last, across a month end', () => {
    const axis = dayAxis(reportWith('all', ['2026-10-30', '2026-11-02'], now));
    assert.deepEqual(axis.map((d) => d.day), ['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
  });

  it('keeps only the days with calls when a long history would be hundreds of empty columns', () => {
    const axis = dayAxis(reportWith('all', ['2024-01-01', '2026-11-24'], now));
    assert.deepEqual(axis.map((d) => d.day), ['2024-01-01', '2026-11-24']);
  });

  it('labels the money axis without trailing zeros and small shares without rounding them to 0%', () => {
    assert.equal(axisUsd(400_000), '$0.40');
    assert.equal(axisUsd(5_000), '$0.005');
    assert.equal(formatPercent(0.0004), '<0.1%');
    assert.equal(formatPercent(0.052), '5.2%');
    assert.equal(formatPercent(0.436), '44%');
  });
});
