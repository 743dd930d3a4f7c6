import assert from 'node:assert/strict';
import { budgetLevel, checkBudget, parseBudgetSettings, type SpentSoFar } from '../../../../src/core/cost/budget';

const spent = (s: Partial<SpentSoFar>): SpentSoFar => ({ session: 0, today: 0, month: 0, ...s });

describe('checkBudget', () => {
  it('is always ok with no caps, however much was spent', () => {
    assert.deepEqual(checkBudget({}, spent({ session: 9e9, today: 9e9, month: 9e9 }), 1_000_000), { state: 'ok' });
    assert.deepEqual(checkBudget({ dailyMicroUsd: 0 }, spent({ today: 9e9 }), 1_000_000), { state: 'ok' });
  });

  it('is ok, with nothing to say, well under a cap', () => {
    // $1.00 + $0.0042 of a $5.00 daily cap is 20%.
    assert.deepEqual(checkBudget({ dailyMicroUsd: 5_000_000 }, spent({ today: 1_000_000 }), 4_200), { state: 'ok' });
  });

  it('says by how much a call would go over the daily cap', () => {
    // $4.9970 + $0.0042 = $5.0012, $0.0012 over $5.00.
    const check = checkBudget({ dailyMicroUsd: 5_000_000 }, spent({ today: 4_997_000 }), 4_200);
    assert.deepEqual(check, {
      state: 'over',
      crossing: { cap: 'daily', capMicroUsd: 5_000_000, spentMicroUsd: 4_997_000, afterMicroUsd: 5_001_200 },
      message: "This call (about $0.0042) would take today's spend $0.0012 over the daily budget of $5.00.",
    });
  });

  it('warns near a cap, with the share of it the call would reach', () => {
    // $3.99 + $0.02 = $4.01 of $5.00 = 80.2% ≥ 80%.
    const check = checkBudget({ dailyMicroUsd: 5_000_000 }, spent({ today: 3_990_000 }), 20_000);
    assert.equal(check.state, 'near');
    assert.equal(check.crossing?.afterMicroUsd, 4_010_000);
    assert.equal(check.message, "This call (about $0.0200) would take today's spend to $4.01, 80% of the daily budget of $5.00.");
  });

  it('treats reaching a cap exactly as near, and one micro-dollar more as over', () => {
    const caps = { sessionMicroUsd: 500_000 };
    assert.equal(checkBudget(caps, spent({ session: 400_000 }), 100_000).state, 'near');
    assert.equal(checkBudget(caps, spent({ session: 400_000 }), 100_001).state, 'over');
    assert.equal(checkBudget(caps, spent({ session: 400_000 }), 100_001).message,
      "This call (about $0.1000) would take this session's spend <$0.0001 over the session budget of $0.5000.");
  });

  it('says when a period is already over its cap', () => {
    const check = checkBudget({ monthlyMicroUsd: 50_000_000 }, spent({ month: 51_500_000 }), 4_200);
    assert.equal(check.state, 'over');
    assert.equal(check.message, "This month's spend is already $1.50 over the monthly budget of $50.00; this call would add about $0.0042.");
  });

  it('reports the over cap rather than a near one', () => {
    // Session: $0.99 + $0.02 > $1.00 (over). Month: $45.01 of $50.00 (near).
    const check = checkBudget({ sessionMicroUsd: 1_000_000, monthlyMicroUsd: 50_000_000 }, spent({ session: 990_000, month: 44_990_000 }), 20_000);
    assert.equal(check.state, 'over');
    assert.equal(check.crossing?.cap, 'session');
  });

  it('reports the longest period when several caps are crossed: it resets last', () => {
    const caps = { sessionMicroUsd: 1_000_000, dailyMicroUsd: 5_000_000, monthlyMicroUsd: 50_000_000 };
    const check = checkBudget(caps, spent({ session: 990_000, today: 4_990_000, month: 49_990_000 }), 20_000);
    assert.equal(check.crossing?.cap, 'monthly');
    assert.equal(check.message, "This call (about $0.0200) would take this month's spend $0.0100 over the monthly budget of $50.00.");
  });

  it('uses the caller’s near fraction', () => {
    const caps = { dailyMicroUsd: 10_000_000 };
    assert.equal(checkBudget(caps, spent({ today: 5_000_000 }), 0, { nearFraction: 0.5 }).state, 'near');
    assert.equal(checkBudget(caps, spent({ today: 5_000_000 }), 0).state, 'ok');
  });
});

describe('budgetLevel (status bar colour)', () => {
  const caps = { dailyMicroUsd: 5_000_000 };
  it('is ok below the near fraction', () => assert.equal(budgetLevel(caps, spent({ today: 3_999_999 })), 'ok'));
  it('is near from 80% of a cap', () => assert.equal(budgetLevel(caps, spent({ today: 4_000_000 })), 'near'));
  it('is over past a cap', () => assert.equal(budgetLevel(caps, spent({ today: 5_000_001 })), 'over'));
  it('follows the given fraction', () => assert.equal(budgetLevel(caps, spent({ today: 4_600_000 }), 0.95), 'ok'));
  it('is ok with no caps', () => assert.equal(budgetLevel({}, spent({ today: 9e9 })), 'ok'));
});

describe('parseBudgetSettings', () => {
  it('has no caps and warns by default', () => {
    assert.deepEqual(parseBudgetSettings({}), { caps: {}, mode: 'warn', problems: [] });
  });

  it('reads dollar caps into micro-dollars, and the mode', () => {
    assert.deepEqual(parseBudgetSettings({ session: 0.5, daily: 19.99, monthly: 100, mode: 'block' }), {
      caps: { sessionMicroUsd: 500_000, dailyMicroUsd: 19_990_000, monthlyMicroUsd: 100_000_000 },
      mode: 'block',
      problems: [],
    });
  });

  it('treats 0 as no cap', () => {
    assert.deepEqual(parseBudgetSettings({ daily: 0 }).caps, {});
  });

  it('rejects negatives and non-numbers, naming each, and sets no cap for them', () => {
    const { caps, problems } = parseBudgetSettings({ session: -5, daily: '5', monthly: Number.NaN });
    assert.deepEqual(caps, {});
    assert.deepEqual(problems, [
      'tandem.budget.session: -5 is not an amount (must be dollars ≥ 0; 0 means no cap); no session budget is set',
      'tandem.budget.daily: "5" is not an amount (must be dollars ≥ 0; 0 means no cap); no daily budget is set',
      'tandem.budget.monthly: NaN is not an amount (must be dollars ≥ 0; 0 means no cap); no monthly budget is set',
    ]);
  });

  it('keeps the good caps when one is bad', () => {
    assert.deepEqual(parseBudgetSettings({ session: -1, daily: 5 }).caps, { dailyMicroUsd: 5_000_000 });
  });

  it('rejects an unknown mode and keeps warning', () => {
    const { mode, problems } = parseBudgetSettings({ mode: 'stop' });
    assert.equal(mode, 'warn');
    assert.deepEqual(problems, ['tandem.budget.mode: "stop" is not a mode (use "warn" or "block"); keeping "warn"']);
  });
});
