import type { LedgerFiles } from '../../../../src/core/ledger/ledgerFiles';
import { nodeLedgerFiles } from '../../../../src/core/ledger/node/nodeLedgerFiles';

type Method = Exclude<keyof LedgerFiles, 'dir'>;

/** An OS error as Node makes them: a code and a message that starts with it. */
export function osError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/**
 * The real Node file port on a temporary folder, with failures a test switches on and off per method
 * (`fail.appendLines = osError(...)`), and a log of the byte ranges read.
 */
export function faultyFiles(dir: string): LedgerFiles & { readonly fail: Partial<Record<Method, Error>>; readonly reads: [string, number, number][] } {
  const real = nodeLedgerFiles(dir);
  const fail: Partial<Record<Method, Error>> = {};
  const reads: [string, number, number][] = [];
  const guard = <A extends unknown[], R>(method: Method, call: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    const error = fail[method];
    if (error) throw error;
    return call(...args);
  };
  return {
    dir,
    fail,
    reads,
    list: guard('list', () => real.list()),
    stat: guard('stat', (name: string) => real.stat(name)),
    read: guard('read', (name: string, start: number, end: number) => {
      reads.push([name, start, end]);
      return real.read(name, start, end);
    }),
    readText: guard('readText', (name: string) => real.readText(name)),
    readBytes: guard('readBytes', (name: string) => real.readBytes(name)),
    appendLines: guard('appendLines', (name: string, lines: readonly string[]) => real.appendLines(name, lines)),
    createExclusive: guard('createExclusive', (name: string, text: string) => real.createExclusive(name, text)),
    writeAtomic: guard('writeAtomic', (name: string, data: string | Uint8Array) => real.writeAtomic(name, data)),
    rename: guard('rename', (from: string, to: string) => real.rename(from, to)),
    remove: guard('remove', (name: string) => real.remove(name)),
  };
}
