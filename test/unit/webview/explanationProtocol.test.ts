import assert from 'node:assert/strict';
import { isFromExplanationPage, isToExplanationPage } from '../../../src/webview/explanation/protocol';

describe('the explanation page protocol: every message checked on arrival', () => {
  it('the extension takes a ready or a vote, and nothing else', () => {
    assert.equal(isFromExplanationPage({ type: 'ready' }), true);
    assert.equal(isFromExplanationPage({ type: 'rate', rating: 'up' }), true);
    assert.equal(isFromExplanationPage({ type: 'rate', rating: 'down' }), true);
    for (const bad of [null, 'ready', [], { type: 'rate' }, { type: 'rate', rating: 'meh' }, { type: 'rate', rating: 'up', call: 'x' }, { type: 'ready', extra: 1 }, { type: 'open' }]) {
      assert.equal(isFromExplanationPage(bad), false, JSON.stringify(bad));
    }
  });

  it('the page draws only a whole explanation message', () => {
    assert.equal(isToExplanationPage({ type: 'explanation', markdown: '# x', streaming: false, ratable: true, rating: 'down' }), true);
    assert.equal(isToExplanationPage({ type: 'explanation', markdown: '# x', streaming: true, ratable: false }), true);
    assert.equal(isToExplanationPage({ type: 'explanation', markdown: '# x', streaming: true }), false, 'ratable is required');
    assert.equal(isToExplanationPage({ type: 'explanation', markdown: 1, streaming: true, ratable: false }), false);
    assert.equal(isToExplanationPage({ type: 'explanation', markdown: '', streaming: false, ratable: true, rating: 'sideways' }), false);
  });
});
