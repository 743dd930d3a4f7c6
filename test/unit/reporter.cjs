'use strict';
// Mocha's spec reporter, plus the closing line every test layer of this project prints.
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class TandemReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats;
      console.log(`unit: ${s.passes} passed, ${s.failures} failed`);
    });
  }
}
module.exports = TandemReporter;
