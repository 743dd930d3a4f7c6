import type { Usage } from '../usage/usage';

/**
 * A mutable running sum of usage. addUsage returns a new object per call, which over a year of ledger
 * (100,000 records, several groups each) is the aggregation's main garbage; this adds in place.
 */
export class UsageSum {
  input = 0;
  cacheRead = 0;
  cacheWrite5m = 0;
  cacheWrite1h = 0;
  output = 0;
  reasoning = 0;

  add(u: Usage | UsageSum): void {
    this.input += u.input;
    this.cacheRead += u.cacheRead;
    this.cacheWrite5m += u.cacheWrite5m;
    this.cacheWrite1h += u.cacheWrite1h;
    this.output += u.output;
    this.reasoning += u.reasoning;
  }

  toUsage(): Usage {
    const { input, cacheRead, cacheWrite5m, cacheWrite1h, output, reasoning } = this;
    return { input, cacheRead, cacheWrite5m, cacheWrite1h, output, reasoning };
  }
}
