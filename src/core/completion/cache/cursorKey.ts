/** Where a completion was asked for: the document, the cursor's offset, and the text around it. */
export interface CursorText {
  readonly document: string;
  /** The cursor's offset from the start of the document. */
  readonly offset: number;
  /** Text before the cursor (a window of it, ending at the cursor). */
  readonly prefix: string;
  /** Text after the cursor (a window of it, starting at the cursor). */
  readonly suffix: string;
}

/** What an answer is remembered by: enough of the text around the cursor to know it still applies. */
export interface CursorKey {
  readonly document: string;
  readonly offset: number;
  readonly prefixTail: string;
  readonly suffixHead: string;
}

export interface KeyLengths {
  readonly prefixChars: number;
  readonly suffixChars: number;
}

export function cursorKey(at: CursorText, lengths: KeyLengths): CursorKey {
  return {
    document: at.document,
    offset: at.offset,
    prefixTail: at.prefix.slice(-lengths.prefixChars),
    suffixHead: at.suffix.slice(0, lengths.suffixChars),
  };
}

/**
 * The text typed since `key` was taken, if `now` is the same place with only typing in between:
 * same document, cursor at or after the key's, the key's prefix tail right before what was typed, and
 * the same text after the cursor. '' means the very same place; undefined means something else changed.
 */
export function typedSince(key: CursorKey, now: CursorText, lengths: KeyLengths): string | undefined {
  if (key.document !== now.document) return undefined;
  const typedLength = now.offset - key.offset;
  if (typedLength < 0 || typedLength > now.prefix.length) return undefined;
  if (now.suffix.slice(0, lengths.suffixChars) !== key.suffixHead) return undefined;
  const end = now.prefix.length - typedLength;
  if (now.prefix.slice(Math.max(0, end - lengths.prefixChars), end) !== key.prefixTail) return undefined;
  return now.prefix.slice(end);
}
