import { SETTING, urlForDisplay } from '../core/telemetry/otlpSettings';

/** Longest error text kept in the log line: enough for "connect ECONNREFUSED …" or a status text. */
const MAX_REASON_CHARS = 200;

/**
 * Export failures, logged once per streak: a collector that is down for an hour would otherwise add a line at
 * every interval. The first success after a failure says so, so the log shows when data flows again.
 */
export class ExportFailureLog {
  private failing = false;
  private readonly where: string;

  constructor(
    url: string,
    private readonly log: (line: string) => void,
  ) {
    this.where = urlForDisplay(url);
  }

  failed(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.log(
      `OpenTelemetry export to ${this.where} failed (${reason(error)}). Tandem keeps the totals and sends them with a later export; ` +
        `check that the collector is running and that ${SETTING.endpoint} points at it.`,
    );
  }

  succeeded(): void {
    if (!this.failing) return;
    this.failing = false;
    this.log(`OpenTelemetry export to ${this.where} works again.`);
  }
}

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error ?? 'no reason given');
  const line = text.replace(/\s+/g, ' ').trim() || 'no reason given';
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS)}…` : line;
}
