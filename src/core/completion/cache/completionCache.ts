import type { CompletionAnswer } from '../answer';
import { cursorKey, typedSince, type CursorKey, type CursorText, type KeyLengths } from './cursorKey';

export interface CacheOptions extends KeyLengths {
  readonly entries: number;
  readonly ttlMs: number;
}

interface Entry {
  readonly key: CursorKey;
  /** The cleaned completion and its call; text '' remembers that there was nothing to suggest here. */
  readonly answer: CompletionAnswer;
  readonly storedAt: number;
}

/** A hit: the part of a remembered completion the user has not typed yet ('' = nothing to suggest here), and its call. */
export interface CacheHit extends CompletionAnswer {
  /** Characters of the completion typed since it was answered (0 when back at the very same place). */
  readonly typed: number;
}

/**
 * Answered completions, least recently used evicted. A lookup hits when the user is back at a place
 * already answered (backspacing, undo, re-typing) or has typed forward into a remembered completion:
 * then the rest of it is the answer and no request is needed.
 */
export class CompletionCache {
  /** Insertion order is recency order: a hit moves its entry to the end. */
  private readonly lru = new Map<Entry, string>();
  private readonly byDocument = new Map<string, Set<Entry>>();

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.lru.size;
  }

  /** `options`: the keystroke's own (the pipeline's parameters, read once per keystroke). */
  lookup(at: CursorText, options: CacheOptions): CacheHit | undefined {
    const entries = this.byDocument.get(at.document);
    if (!entries) return undefined;
    const oldest = this.now() - options.ttlMs;
    let best: { entry: Entry; typed: string } | undefined;
    for (const entry of entries) {
      if (entry.storedAt < oldest) {
        this.remove(entry);
        continue;
      }
      const typed = typedSince(entry.key, at, options);
      const completion = entry.answer.text;
      if (typed === undefined || (typed.length > 0 && typed.length >= completion.length)) continue;
      if (!completion.startsWith(typed)) continue;
      // The answer given closest to here is the freshest view of what comes next.
      if (!best || typed.length < best.typed.length) best = { entry, typed };
    }
    if (!best) return undefined;
    this.lru.delete(best.entry);
    this.lru.set(best.entry, best.entry.key.document);
    const { text, callId } = best.entry.answer;
    return { text: text.slice(best.typed.length), callId, typed: best.typed.length };
  }

  store(at: CursorText, answer: CompletionAnswer, options: CacheOptions): void {
    const key = cursorKey(at, options);
    for (const entry of this.byDocument.get(at.document) ?? []) {
      if (entry.key.offset === key.offset && entry.key.prefixTail === key.prefixTail && entry.key.suffixHead === key.suffixHead) this.remove(entry);
    }
    const entries = this.byDocument.get(at.document);
    const entry: Entry = { key, answer, storedAt: this.now() };
    this.lru.set(entry, at.document);
    if (entries) entries.add(entry);
    else this.byDocument.set(at.document, new Set([entry]));
    while (this.lru.size > options.entries) {
      const oldest = this.lru.keys().next().value as Entry;
      this.remove(oldest);
    }
  }

  /** Forgets a closed document's answers. */
  forgetDocument(document: string): void {
    for (const entry of this.byDocument.get(document) ?? []) this.lru.delete(entry);
    this.byDocument.delete(document);
  }

  clear(): void {
    this.lru.clear();
    this.byDocument.clear();
  }

  private remove(entry: Entry): void {
    this.lru.delete(entry);
    const entries = this.byDocument.get(entry.key.document);
    entries?.delete(entry);
    if (entries?.size === 0) this.byDocument.delete(entry.key.document);
  }
}
