import assert from 'node:assert/strict';
import { formatMonthlyUsd, formatTokens, formatUsd } from '../../../src/core/format/spend';

describe('formatUsd', () => {
  const cases: [number, string][] = [
    [0, '$0.00'],
    [12_300, '$0.0123'],
    [50, '<$0.0001'],
    [100, '$0.0001'],
    [999_999, '$1.0000'],
    [1_000_000, '$1.00'],
    [12_345_678, '$12.35'],
  ];
  for (const [micro, text] of cases) {
    it(`${micro} micro-dollars → ${text}`, () => assert.equal(formatUsd(micro), text));
  }
});

describe('formatMonthlyUsd', () => {
  for (const [micro, text] of [
    [0, '$0.00'],
    [4_100_000, '$4.10'],
    [400_000, '$0.40'],
    [5_000, '$0.01'],
    [4_999, '<$0.01'],
    [1_234_567_890, '$1234.57'],
  ] as const) {
    it(`${micro} micro-dollars → ${text}`, () => assert.equal(formatMonthlyUsd(micro), text));
  }
});

describe('formatTokens', () => {
  const cases: [number, string][] = [
    [0, '0'],
    [950, '950'],
    [1000, '1k'],
    [14_150, '14.2k'],
    [999_949, '999.9k'],
    [999_950, '1M'],
    [3_140_000, '3.1M'],
  ];
  for (const [tokens, text] of cases) {
    it(`${tokens} → ${text}`, () => assert.equal(formatTokens(tokens), text));
  }
});
