import type { LedgerFiles } from './ledgerFiles';

export const LOCK_FILE = 'append.lock';

/** A holder keeps the lock for one read and one append (milliseconds); older than this, it died holding it. */
export const STALE_LOCK_MS = 10_000;
/** How long to wait for the lock before appending without it (readers dedupe by id in any case). */
export const ACQUIRE_TIMEOUT_MS = 2 * STALE_LOCK_MS;

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  /** Epoch ms the lock was taken. */
  readonly at: number;
}

export interface AppendLockOptions {
  readonly files: Pick<LedgerFiles, 'createExclusive' | 'readText' | 'rename' | 'remove' | 'stat'>;
  /** This process. */
  readonly self: { readonly pid: number; readonly host: string };
  /** Whether a process of this host still runs. */
  readonly isAlive: (pid: number) => boolean;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly newToken: () => string;
}

export interface HeldLock {
  release(): Promise<void>;
}

/**
 * A lock across processes (two VS Code windows) for the ledger's check-then-append, so two windows offered
 * the same batch result do not both find it missing and both write it.
 *
 * The lock is a file created with exclusive create (O_EXCL): exactly one process succeeds. Its text names
 * the holder (host, pid, a random token, the time). A holder that died keeps nobody out for long: a lock
 * is stale when its holder's process is gone (same host) or it is older than STALE_LOCK_MS. Breaking a
 * stale lock renames it aside first, which only one breaker can do, and then checks it moved the lock it
 * judged stale; if a live holder's lock was moved instead (the stale one was released and re-taken in
 * between), it is put back. Release removes the file only while it still holds this holder's token.
 * The rare races left (a holder stalled longer than STALE_LOCK_MS; three processes at one stale lock)
 * can at worst let a record be written twice, and every reader dedupes by id, so the ledger's figures
 * stay right either way. When no lock can be created (a read-only folder) the caller goes on without it.
 */
export class AppendLock {
  constructor(private readonly options: AppendLockOptions) {}

  /** The lock, or undefined when the folder cannot hold one or it stayed taken for ACQUIRE_TIMEOUT_MS. */
  async acquire(): Promise<HeldLock | undefined> {
    const { files, self, now } = this.options;
    const deadline = now() + ACQUIRE_TIMEOUT_MS;
    for (;;) {
      const mine: Holder = { pid: self.pid, host: self.host, token: this.options.newToken(), at: now() };
      const text = JSON.stringify(mine);
      try {
        if (await files.createExclusive(LOCK_FILE, text)) return { release: () => this.release(text) };
      } catch {
        return undefined; // the folder cannot take a file: nothing can be appended by anyone now either
      }
      const seen = await files.readText(LOCK_FILE).catch(() => undefined);
      if (seen === undefined) continue; // released meanwhile: try again at once
      if (await this.isStale(seen)) {
        await this.breakStale(seen);
        continue;
      }
      if (now() > deadline) return undefined;
      // Holders keep it for milliseconds; a little jitter keeps two waiters from retrying in step.
      await this.options.sleep(5 + Math.floor(Math.random() * 20));
    }
  }

  private async isStale(text: string): Promise<boolean> {
    const { self, now, isAlive, files } = this.options;
    const holder = parseHolder(text);
    if (!holder) {
      // Unreadable: a holder between creating the file and writing its text, or damage. Judge by the file's age.
      const stat = await files.stat(LOCK_FILE).catch(() => undefined);
      return stat !== undefined && now() - stat.modifiedMs > STALE_LOCK_MS;
    }
    if (now() - holder.at > STALE_LOCK_MS) return true;
    return holder.host === self.host && holder.pid !== self.pid && !isAlive(holder.pid);
  }

  private async breakStale(seen: string): Promise<void> {
    const { files } = this.options;
    const aside = `${LOCK_FILE}.${this.options.newToken()}.stale`;
    try {
      if (!(await files.rename(LOCK_FILE, aside))) return; // another breaker, or its holder, got there first
      const moved = await files.readText(aside);
      // Not the lock judged stale: a live holder's, taken in between. Put it back if the place is free.
      if (moved !== undefined && moved !== seen) await files.createExclusive(LOCK_FILE, moved);
      await files.remove(aside);
    } catch {
      // Left as it is: the next attempt judges the lock file again.
    }
  }

  private async release(text: string): Promise<void> {
    const { files } = this.options;
    try {
      if ((await files.readText(LOCK_FILE)) === text) await files.remove(LOCK_FILE);
    } catch {
      // A lock left behind is stale within STALE_LOCK_MS; nothing is lost meanwhile.
    }
  }
}

function parseHolder(text: string): Holder | undefined {
  try {
    const value = JSON.parse(text) as Partial<Holder> | null;
    if (value && typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string' && typeof value.at === 'number') {
      return value as Holder;
    }
  } catch {
    // not a holder
  }
  return undefined;
}
