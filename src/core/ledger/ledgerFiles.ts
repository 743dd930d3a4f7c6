/**
 * What the ledger needs of a file system: a small port, so the ledger's logic (pending records and
 * retries, incremental reads, the append lock) is plain code that tests drive with injected failures.
 * Names are relative to the ledger folder and may hold one subfolder ("digests/…").
 */
export interface LedgerFiles {
  /** The ledger folder, for messages. */
  readonly dir: string;
  /** The names in the folder; none when it does not exist. */
  list(): Promise<string[]>;
  /** Undefined when the file does not exist. */
  stat(name: string): Promise<FileStat | undefined>;
  /** Bytes [start, end) of a file (fewer when it is shorter now). */
  read(name: string, start: number, end: number): Promise<Uint8Array>;
  /** A whole file as text; undefined when it does not exist. */
  readText(name: string): Promise<string | undefined>;
  /** A whole file as bytes; undefined when it does not exist. */
  readBytes(name: string): Promise<Uint8Array | undefined>;
  /**
   * Appends each line (each ending in "\n") with one write of its own, creating the folder and the file as
   * needed, and ends a torn last line first so a line is never glued onto it. Rejects with an AppendError
   * that says how many lines were written before the failure.
   */
  appendLines(name: string, lines: readonly string[]): Promise<void>;
  /** Creates a file with this text only if none exists (creating the folder as needed): false when one does. */
  createExclusive(name: string, text: string): Promise<boolean>;
  /** Replaces a file whole: a reader sees the old text or the new, never part of it. */
  writeAtomic(name: string, data: string | Uint8Array): Promise<void>;
  /** False when `from` does not exist. */
  rename(from: string, to: string): Promise<boolean>;
  /** No error when the file does not exist. */
  remove(name: string): Promise<void>;
}

export interface FileStat {
  readonly size: number;
  /** Which file this is (device and inode): a file replaced under the same name has another identity. */
  readonly identity: string;
  readonly modifiedMs: number;
}

/** appendLines failed after writing `written` of its lines whole. */
export class AppendError extends Error {
  constructor(
    readonly written: number,
    override readonly cause: unknown,
  ) {
    super(ioErrorText(cause));
    this.name = 'AppendError';
  }
}

/**
 * What an I/O failure says, for the user and the log: the OS code and its message (Node's message already
 * names the code and the path, e.g. "ENOTDIR: not a directory, open '…/ledger-2026-03.jsonl'").
 */
export function ioErrorText(error: unknown): string {
  if (error instanceof AppendError) return error.message;
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !error.message.startsWith(code) ? `${code}: ${error.message}` : error.message;
}

export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}
