/**
 * Child process for the two-window concurrency test: appends 1000 records to the ledger in argv[2], ids
 * prefixed with argv[3]. It says "ready" and waits for a line on stdin so both processes start together.
 */
import { createInterface } from 'node:readline';
import { LedgerStore } from '../../../../src/core/ledger/store';
import { makeRecord } from './fixtures';

const [dir, tag] = process.argv.slice(2);
const COUNT = 1000;

async function main(): Promise<void> {
  const store = new LedgerStore(dir);
  const lines = createInterface({ input: process.stdin });
  const go = new Promise<void>((resolve) => lines.once('line', () => resolve()));
  process.stdout.write('ready\n');
  await go;
  lines.close();
  const appends: Promise<void>[] = [];
  for (let i = 0; i < COUNT; i++) {
    appends.push(store.append(makeRecord({ id: `${tag}-${i}`, time: new Date().toISOString(), session: tag, costMicroUsd: i })));
  }
  await Promise.all(appends);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
