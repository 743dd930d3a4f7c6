import assert from 'node:assert/strict';
import { postProcessCompletion } from '../../../../../src/core/completion/postprocess/postProcess';
import { FIXTURE_CLASSES } from '../../../../fixtures/postprocess';

describe('inline completion post-processing', () => {
  for (const [name, fixtures] of Object.entries(FIXTURE_CLASSES)) {
    describe(name, () => {
      for (const f of fixtures) {
        it(f.name, async () => {
          const actual = await postProcessCompletion(f.raw, { prefix: f.prefix, suffix: f.suffix, languageId: f.languageId }, { maxLines: f.maxLines ?? 8 });
          assert.equal(actual, f.expected);
        });
      }
    });
  }
});
