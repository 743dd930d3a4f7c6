import { REAL_TIMERS, type Timers } from '../completion/trigger/debouncer';
import { survivalShare } from './survival';

/**
 * Where inserted text is now, and what that region holds, followed through later edits without reading the
 * document: each change the editor reports is mapped onto the region.
 */

/** One change as the editor reports it: `removed` characters at `offset` (in the text before it) replaced by `text`. */
export interface TextChange {
  readonly offset: number;
  readonly removed: number;
  readonly text: string;
}

/** A tracked region: its offset in the document and its text now. */
export interface Region {
  readonly start: number;
  readonly text: string;
}

/**
 * The region after `change`. Edits before it move it; edits after it leave it alone; an edit that touches it
 * becomes part of it (the replacement text is inside the region from then on). Text typed right at either
 * edge is outside: typing on after a completion is not a change to the completion.
 */
export function applyChange(region: Region, change: TextChange): Region {
  const end = region.start + region.text.length;
  const changeEnd = change.offset + change.removed;
  if (!touches(region, change)) {
    return changeEnd <= region.start ? { start: region.start + change.text.length - change.removed, text: region.text } : region;
  }
  const head = change.offset > region.start ? region.text.slice(0, change.offset - region.start) : '';
  const tail = changeEnd < end ? region.text.slice(changeEnd - region.start) : '';
  return { start: Math.min(region.start, change.offset), text: head + change.text + tail };
}

/**
 * True when `change` edits the region rather than text before or after it. An emptied region (all of it deleted)
 * takes text put back at its place: undoing the deletion brings the insertion back.
 */
export function touches(region: Region, change: TextChange): boolean {
  const end = region.start + region.text.length;
  const changeEnd = change.offset + change.removed;
  if (region.text === '') return change.offset <= region.start && changeEnd >= region.start;
  return changeEnd > region.start && change.offset < end;
}

/** A survival measurement: which signal, how long after the insertion. */
export interface Checkpoint {
  readonly name: 'survival30s' | 'survival5m';
  readonly afterMs: number;
}

/** Inserted text to follow: whose it is, where it went, when to measure it, and whether an undo of it counts. */
export interface InsertionWatch {
  readonly call: string;
  readonly document: string;
  readonly region: Region;
  readonly checkpoints: readonly Checkpoint[];
  /** What the insertion replaced ('' at a cursor), when an undo that brings it back is to be recorded as `undone`. */
  readonly replaced?: string;
}

/** A signal about an insertion: the share kept at a checkpoint, or that an undo took it back. */
export type InsertionSignal =
  | { readonly call: string; readonly name: Checkpoint['name']; readonly value: number }
  | { readonly call: string; readonly name: 'undone' };

interface Watched {
  readonly watch: InsertionWatch;
  region: Region;
  readonly timers: unknown[];
}

/**
 * Follows inserted text (accepted completions, generated blocks) until its last checkpoint: at each one the
 * share of it still there is recorded; an undo that puts back what it replaced ends it as `undone`. A closed
 * document ends its insertions with no signal: what became of the text afterwards cannot be seen.
 */
export class InsertionTracker {
  private readonly watched = new Set<Watched>();

  constructor(
    private readonly record: (signal: InsertionSignal) => void,
    private readonly timers: Timers = REAL_TIMERS,
  ) {}

  /** How many insertions are being followed. */
  get size(): number {
    return this.watched.size;
  }

  track(watch: InsertionWatch): void {
    const entry: Watched = { watch, region: watch.region, timers: [] };
    const last = Math.max(...watch.checkpoints.map((c) => c.afterMs));
    for (const checkpoint of watch.checkpoints) {
      entry.timers.push(this.timers.setTimeout(() => {
        if (!this.watched.has(entry)) return;
        this.record({ call: watch.call, name: checkpoint.name, value: survivalShare(watch.region.text, entry.region.text) });
        if (checkpoint.afterMs === last) this.stop(entry);
      }, checkpoint.afterMs));
    }
    this.watched.add(entry);
  }

  /** One editor event's changes to `document`; `undo` when the editor says an undo made them. */
  changed(document: string, changes: readonly TextChange[], undo: boolean): void {
    for (const entry of this.watched) {
      if (entry.watch.document !== document) continue;
      let touched = false;
      for (const change of changes) {
        touched ||= touches(entry.region, change);
        entry.region = applyChange(entry.region, change);
      }
      if (undo && touched && entry.watch.replaced !== undefined && entry.region.text === entry.watch.replaced) {
        this.record({ call: entry.watch.call, name: 'undone' });
        this.stop(entry);
      }
    }
  }

  /** The document was closed: its insertions are no longer followed, and nothing is recorded for them. */
  closed(document: string): void {
    for (const entry of this.watched) if (entry.watch.document === document) this.stop(entry);
  }

  dispose(): void {
    for (const entry of this.watched) this.stop(entry);
  }

  private stop(entry: Watched): void {
    entry.timers.forEach((handle) => this.timers.clearTimeout(handle));
    this.watched.delete(entry);
  }
}
