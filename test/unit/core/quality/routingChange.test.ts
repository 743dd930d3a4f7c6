import assert from 'node:assert/strict';
import { routingChange, routingSettingsText } from '../../../../src/core/quality/routingChange';
import { parseRoutingHistory, ROUTING_HISTORY_LIMIT, withHistoryEntry, type RoutingHistoryEntry } from '../../../../src/core/quality/routingHistory';

describe('routingChange: the settings change an advice implies', () => {
  it('routes the task in the user\'s tandem.routing, keeping their other entries as written', () => {
    const change = routingChange({ review: 'gpt-5.4-mini', typo: 'x' }, 'explain', 'claude-haiku-4-5', 'gpt-5.4-mini');
    assert.deepEqual(change.before, { review: 'gpt-5.4-mini', typo: 'x' });
    assert.deepEqual(change.after, { review: 'gpt-5.4-mini', typo: 'x', explain: 'gpt-5.4-mini' });
    assert.deepEqual(routingChange(undefined, 'explain', 'a', 'b').before, {});
    assert.deepEqual(routingChange(['not', 'an', 'object'], 'explain', 'a', 'b').after, { explain: 'b' });
  });

  it('shows each side as settings.json would hold it, so the diff is one line', () => {
    const change = routingChange({ review: 'gpt-5.4-mini' }, 'explain', 'claude-haiku-4-5', 'gpt-5.4-mini');
    assert.equal(routingSettingsText(change.before), '{\n  "tandem.routing": {\n    "review": "gpt-5.4-mini"\n  }\n}\n');
    assert.equal(routingSettingsText(change.after), '{\n  "tandem.routing": {\n    "review": "gpt-5.4-mini",\n    "explain": "gpt-5.4-mini"\n  }\n}\n');
    const changed = routingChange({ explain: 'claude-haiku-4-5' }, 'explain', 'claude-haiku-4-5', 'gpt-5.4-mini');
    const [before, after] = [changed.before, changed.after].map((r) => routingSettingsText(r).split('\n'));
    assert.deepEqual(before.filter((line, i) => line !== after[i]), ['    "explain": "claude-haiku-4-5"']);
  });
});

describe('routingHistory: the routing changes applied', () => {
  const entry = (i: number): RoutingHistoryEntry => ({ time: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), task: 'explain', from: 'a', to: 'b', why: `change ${i}` });

  it('keeps the newest first and at most the last 100', () => {
    let history: RoutingHistoryEntry[] = [];
    for (let i = 0; i < ROUTING_HISTORY_LIMIT + 5; i++) history = withHistoryEntry(history, entry(i));
    assert.equal(history.length, 100);
    assert.equal(history[0].why, 'change 104');
    assert.equal(history[99].why, 'change 5');
  });

  it('reads back only well-formed entries from storage', () => {
    assert.deepEqual(parseRoutingHistory(undefined), []);
    assert.deepEqual(parseRoutingHistory('nonsense'), []);
    assert.deepEqual(parseRoutingHistory([entry(1), { ...entry(2), task: 'dance' }, { ...entry(3), time: 'yesterday' }, null]), [entry(1)]);
  });
});
