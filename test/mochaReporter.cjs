'use strict';
// Mocha's spec reporter, plus the closing line each test layer of this project prints:
// `<layer>: N passed, N failed`. The layer name comes from `--reporter-option layer=NAME`.
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class TandemReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const layer = (options.reporterOption && options.reporterOption.layer) || 'tests';
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats;
      console.log(`${layer}: ${s.passes} passed, ${s.failures} failed`);
    });
  }
}
module.exports = TandemReporter;
