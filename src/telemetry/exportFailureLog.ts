import { SETTING, urlForDisplay, type OtlpConfig } from '../core/telemetry/otlpSettings';

/** Longest error text kept in the log line: enough for "connect ECONNREFUSED …" or a status text. */
const MAX_REASON_CHARS = 200;

export type ExportSignal = 'metrics' | 'logs';

/**
 * Export failures of all signals, logged once per streak: a collector that is down for an hour would otherwise
 * add a line at every interval, and one per signal. The first failure of any signal logs; the line that data
 * flows again comes once every signal that failed has succeeded since.
 */
export class ExportFailureLog {
  private readonly failing = new Set<ExportSignal>();

  constructor(
    private readonly config: Pick<OtlpConfig, 'endpoint' | 'metricsUrl' | 'logsUrl' | 'logs'>,
    private readonly log: (line: string) => void,
  ) {}

  failed(signal: ExportSignal, error: unknown): void {
    const first = this.failing.size === 0;
    this.failing.add(signal);
    if (!first) return;
    const url = signal === 'metrics' ? this.config.metricsUrl : this.config.logsUrl;
    const kept = this.config.logs ? 'the totals and the latest call records' : 'the totals';
    this.log(
      `OpenTelemetry export to ${urlForDisplay(url)} failed (${reason(error)}). Tandem keeps ${kept} and sends them with a later export; ` +
        `check that the collector is running and that ${SETTING.endpoint} points at it.`,
    );
  }

  succeeded(signal: ExportSignal): void {
    if (!this.failing.delete(signal) || this.failing.size > 0) return;
    this.log(`OpenTelemetry export to ${urlForDisplay(this.config.endpoint)} works again.`);
  }
}

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error ?? 'no reason given');
  const line = text.replace(/\s+/g, ' ').trim() || 'no reason given';
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS)}…` : line;
}
