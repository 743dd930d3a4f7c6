import { localDay } from '../ledger/query';

/** The form Date.toISOString writes (and the ledger stores): fixed width, UTC, so text order is time order. */
const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * localDay for many times in a row. Ledger records come in time order, so most fall on the same local day
 * as the one before: remembering that day's bounds, as ISO text, answers them with two string comparisons
 * instead of Date.parse, a Date and three strings each (Date.parse alone was a third of a year's report).
 * Bounds come from the Date constructor, so DST days (23 or 25 hours) stay exact.
 */
export class LocalDays {
  private start = '';
  private end = '';
  private day = '';
  private startMs = 0;
  private endMs = 0;
  private dayMs = '';

  dayOf(time: string): string {
    if (time >= this.start && time < this.end && time.length === 24 && time.endsWith('Z')) return this.day;
    const d = new Date(time);
    const start = new Date(d.getFullYear(), d.getMonth(), d.getDate());
    const end = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
    this.day = localDay(d);
    // Only canonical times may take the text shortcut; anything else is parsed every time.
    const canonical = CANONICAL_ISO.test(time) && start.getFullYear() > 0 && end.getFullYear() < 10000;
    this.start = canonical ? start.toISOString() : '';
    this.end = canonical ? end.toISOString() : '';
    return this.day;
  }

  /** The same for a time in epoch ms (the ledger index's rows), with the day's bounds as numbers. */
  dayOfMs(ms: number): string {
    if (ms >= this.startMs && ms < this.endMs) return this.dayMs;
    const d = new Date(ms);
    this.startMs = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
    this.endMs = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
    this.dayMs = localDay(d);
    return this.dayMs;
  }
}
