import assert from 'node:assert/strict';
import { jobActions } from '../../../../src/core/batch/jobActions';
import { jobRow } from '../../../../src/core/batch/jobRow';
import { counts, makeJob } from './fixtures';

const NAMES = { createdAt: '3/4/2025, 10:00:00 AM', model: 'Claude Haiku 4.5' };

describe('batch jobs in the Tandem view', () => {
  it('a running job spins, says how far it is, and can be checked, cancelled or removed', () => {
    const job = makeJob({ counts: counts({ done: 1 }) });
    const row = jobRow(job, jobActions(job, false), NAMES);
    assert.deepEqual([row.label, row.description, row.icon], ['Review src/ (3 files)', '1 of 3 done', 'sync~spin']);
    assert.equal(row.contextValue, 'tandemJob:refresh:cancel:forget:');
    assert.match(row.tooltip, /Review on Claude Haiku 4\\\.5 \(Anthropic Batch API\), started 3\/4\/2025, 10:00:00 AM/);
    assert.match(row.tooltip, /Estimated \$0\.0035 at the batch rate \(\$0\.0069 one by one\)/);
    assert.match(row.tooltip, /Results land when the batch ends/);
  });

  it('an ended review that landed shows its problems; files that did not land are named with why', () => {
    const job = makeJob({
      phase: 'ended', landed: true, counts: counts({ done: 3, succeeded: 2, errored: 1 }),
      outcomes: [{ customId: makeJob().items[0].customId, kind: 'succeeded' }, { customId: makeJob().items[1].customId, kind: 'errored', reason: 'the answer was not valid findings' }],
    });
    const row = jobRow(job, jobActions(job, false), NAMES);
    assert.equal(row.description, 'ended: 2 succeeded, 1 errored');
    assert.equal(row.icon, 'warning');
    assert.equal(row.contextValue, 'tandemJob:problems:forget:');
    assert.match(row.tooltip, /1 file did not land:\n\n- src\/db/);
    assert.match(row.tooltip, /query\\\.ts: errored \(the answer was not valid findings\)/);
  });

  it('a landed bulk edit offers its edits again only while this session holds them', () => {
    const job = makeJob({ kind: 'bulkEdit', provider: 'openai', phase: 'ended', landed: true, counts: counts({ done: 3, succeeded: 3 }), outcomes: [] });
    assert.deepEqual(jobActions(job, true), ['preview', 'forget']);
    assert.deepEqual(jobActions(job, false), ['forget']);
    assert.equal(jobRow(job, ['forget'], NAMES).icon, 'check');
  });

  it('cancelled, failed and expired jobs each have their icon', () => {
    const icon = (phase: 'cancelled' | 'failed' | 'expired') => jobRow(makeJob({ phase, landed: true }), [], NAMES).icon;
    assert.deepEqual([icon('cancelled'), icon('failed'), icon('expired')], ['circle-slash', 'error', 'watch']);
  });
});
