import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { LedgerFiles } from '../ledgerFiles';
import { LedgerStore, type LedgerStoreOptions } from '../store';
import { nodeLedgerFiles } from './nodeLedgerFiles';

/** The ledger in a folder on this machine, through Node's file system (or `files`, where tests inject failures). */
export function openLedgerStore(dir: string, options: LedgerStoreOptions & { readonly files?: LedgerFiles } = {}): LedgerStore {
  const { files, ...rest } = options;
  return new LedgerStore(
    {
      files: files ?? nodeLedgerFiles(dir),
      self: { pid: process.pid, host: hostname() },
      isAlive: isProcessAlive,
      newToken: () => randomBytes(8).toString('hex'),
    },
    rest,
  );
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}
