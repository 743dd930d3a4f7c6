import type { ReportModel } from '../../core/report/reportModel.js';
import { formatUsd, plural } from './labels.mjs';

/** The gateway's own figure beside Tandem's for the calls it priced, and the difference if any. */
export function gatewayLine(g: ReportModel['gateway']): string {
  const calls = plural(g.calls, 'call');
  const diff = g.gatewayMicroUsd - g.tandemMicroUsd;
  if (diff === 0) return `Your gateway priced ${calls} at ${formatUsd(g.gatewayMicroUsd)}, the same as Tandem.`;
  const sign = diff > 0 ? '+' : '−';
  return `Your gateway priced ${calls} at ${formatUsd(g.gatewayMicroUsd)}; Tandem priced ${g.calls === 1 ? 'it' : 'them'} at ${formatUsd(g.tandemMicroUsd)} `
    + `(the gateway ${sign}${formatUsd(Math.abs(diff))}). Check the prices in tandem.models, or the gateway's own price list.`;
}
