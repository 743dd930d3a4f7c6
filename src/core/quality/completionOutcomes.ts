import type { Region, TextChange } from './insertionTracker';

/** A completion as the provider returned it: which call, and where its text would go. */
export interface ShownCompletion {
  readonly call: string;
  readonly document: string;
  /** Where the text would be inserted (the cursor when it was asked for). */
  readonly offset: number;
  readonly text: string;
}

/** How a shown completion ended; a call gets one, the first. */
export type CompletionOutcome =
  | { readonly call: string; readonly name: 'accepted'; readonly document: string; readonly inserted: Region }
  | { readonly call: string; readonly name: 'partial'; readonly value: number }
  | { readonly call: string; readonly name: 'dismissed' };

/** The call whose completion is on screen: where it started, its whole text, and how much of it is in the document. */
interface Open {
  readonly call: string;
  readonly document: string;
  /** Where the call's first item would have gone: later items of the same call are the rest of it after typing. */
  readonly origin: number;
  readonly full: string;
  /** The start of `full` now in the document at `origin` (typed by hand or accepted a word at a time). */
  taken: string;
  /** True once more than one character of it went in at once: a partial accept, not a keystroke. */
  partly: boolean;
  readonly shownItems: Set<string>;
}

/** Calls remembered as settled, so a late event never gives a call a second outcome. */
const SETTLED_MEMORY = 500;

/**
 * What happened to the completions shown, decided from what the editor reports: an item returned (shown), its
 * accept command ran (accepted), and each edit to the document. An edit that puts the item's own text at its
 * place is the user typing into it or taking part of it (VS Code's stable API does not report partial
 * accepts: more than one character of it arriving in one edit is one); any other edit, or another call's
 * item, ends it: `partial` when part of it was taken that way, else `dismissed`.
 */
export class CompletionOutcomes {
  private open: Open | undefined;
  private readonly settled = new Set<string>();
  /** The last item shown, so one of a settled call asked for again at the same place is not counted twice. */
  private lastShown: string | undefined;

  /** An item the provider returned. True when it is a new one to record as shown (not the same item again). */
  shown(item: ShownCompletion): { readonly isNew: boolean; readonly ended?: CompletionOutcome } {
    const key = `${item.call}\n${item.document}\n${item.offset}\n${item.text}`;
    if (key === this.lastShown) return { isNew: false };
    this.lastShown = key;
    if (this.open?.call === item.call) {
      const isNew = !this.open.shownItems.has(key);
      this.open.shownItems.add(key);
      return { isNew };
    }
    const ended = this.end();
    if (!this.settled.has(item.call)) {
      this.open = { call: item.call, document: item.document, origin: item.offset, full: item.text, taken: '', partly: false, shownItems: new Set([key]) };
    }
    return { isNew: true, ended };
  }

  /** The item's accept command ran: accepted, unless the call already ended. */
  accepted(call: string): CompletionOutcome | undefined {
    const open = this.open;
    if (this.settled.has(call) || open?.call !== call) return undefined;
    this.open = undefined;
    return this.settle({ call, name: 'accepted', document: open.document, inserted: { start: open.origin, text: open.full } });
  }

  /** One edit to a document: ends the open completion unless it is that completion's own text going in. */
  edited(document: string, changes: readonly TextChange[]): CompletionOutcome | undefined {
    const open = this.open;
    if (!open || open.document !== document || changes.length === 0) return undefined;
    const taken = changes.length === 1 ? takenAfter(open, changes[0]) : undefined;
    if (taken === undefined) return this.end();
    if (taken.length > open.taken.length + 1) open.partly = true;
    open.taken = taken;
    return undefined;
  }

  /** Ends the open completion (another took its place, or the document changed otherwise). */
  private end(): CompletionOutcome | undefined {
    const open = this.open;
    this.open = undefined;
    if (!open) return undefined;
    if (open.partly) return this.settle({ call: open.call, name: 'partial', value: open.taken.length / open.full.length });
    // Typed out in full by hand: the suggestion was right, but the user did not take it; neither taken nor turned down.
    if (open.taken === open.full) return this.settle(undefined, open.call);
    return this.settle({ call: open.call, name: 'dismissed' });
  }

  private settle(outcome: CompletionOutcome | undefined, call = outcome?.call): CompletionOutcome | undefined {
    if (call === undefined) return outcome;
    this.settled.add(call);
    if (this.settled.size > SETTLED_MEMORY) this.settled.delete(this.settled.values().next().value as string);
    return outcome;
  }
}

/** The part of the item in the document after `change`, when the change keeps it a start of the item; else undefined. */
function takenAfter(open: Open, change: TextChange): string | undefined {
  const from = change.offset - open.origin;
  const to = from + change.removed;
  if (from < 0 || to > open.taken.length) return undefined;
  const taken = open.taken.slice(0, from) + change.text + open.taken.slice(to);
  return open.full.startsWith(taken) ? taken : undefined;
}
