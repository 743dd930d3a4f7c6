import assert from 'node:assert/strict';
import { moneySettingsIn } from '../../../../src/core/models/moneySettings';

describe('money settings a workspace settings file sets', () => {
  it('finds each money key with its value as written, and nothing else', () => {
    const text = `{
      "editor.tabSize": 7,
      "tandem.models": { "gpt-5.4-mini": { "inputPerMTok": 0 } },
      "tandem.budget.daily":0,
      "tandem.budget.mode" : "warn",
      "tandem.budget.monthly": 1e3,
      "tandem.budget.session": -1,
      "tandem.routing": { "explain": "gpt-5.4-mini" },
      "tandem.modelsExtra": 1,
      "tandem.openai.baseUrl": "http://127.0.0.1:9"
    }`;
    assert.deepEqual(moneySettingsIn(text), [
      { key: 'tandem.models', value: '{…}' },
      { key: 'tandem.budget.daily', value: '0' },
      { key: 'tandem.budget.mode', value: '"warn"' },
      { key: 'tandem.budget.monthly', value: '1e3' },
      { key: 'tandem.budget.session', value: '-1' },
    ]);
  });

  it('reads a .code-workspace file\'s settings the same way, and shortens a long value', () => {
    const text = `{ "folders": [], "settings": { "tandem.budget.mode": "${'x'.repeat(60)}" } }`;
    const [found] = moneySettingsIn(text);
    assert.equal(found.key, 'tandem.budget.mode');
    assert.equal(found.value.length, 40);
    assert.ok(found.value.endsWith('...'));
  });

  it('finds nothing in a file that sets no money setting', () => {
    assert.deepEqual(moneySettingsIn('{ "tandem.routing": { "review": "gpt-5.4-mini" } }'), []);
    assert.deepEqual(moneySettingsIn(''), []);
  });
});
