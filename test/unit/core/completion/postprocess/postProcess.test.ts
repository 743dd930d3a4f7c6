import assert from 'node:assert/strict';
import { postProcessCompletion } from '../../../../../src/core/completion/postprocess/postProcess';
import { FIXTURES } from '../../../../fixtures/postProcessCases';

describe('inline completion post-processing', () => {
  it('has at least 40 golden cases', () => {
    assert.ok(FIXTURES.length >= 40, `${FIXTURES.length} fixtures`);
  });

  for (const f of FIXTURES) {
    it(f.name, () => {
      const actual = postProcessCompletion(f.raw, { prefix: f.prefix, suffix: f.suffix, languageId: f.languageId }, { maxLines: f.maxLines ?? 8 });
      assert.equal(actual, f.expected);
    });
  }
});
