/**
 * Child process for the two-window tests, on the ledger in argv[2]. Mode "append" (the default) appends
 * 1000 records with ids prefixed with argv[3]; mode "once" offers the same 300 batch results (ids shared by
 * every worker) through appendOnce, as two windows polling the same job do, and prints how many it filed.
 * It says "ready" and waits for a line on stdin so the processes start together.
 */
import { createInterface } from 'node:readline';
import { openLedgerStore } from '../../../../src/core/ledger/node/openLedgerStore';
import { makeRecord } from './fixtures';

const [dir, tag, mode = 'append'] = process.argv.slice(2);
const COUNT = 1000;
const SHARED = 300;

async function main(): Promise<void> {
  const store = openLedgerStore(dir, { digests: false });
  const lines = createInterface({ input: process.stdin });
  const go = new Promise<void>((resolve) => lines.once('line', () => resolve()));
  process.stdout.write('ready\n');
  await go;
  lines.close();
  if (mode === 'once') {
    const time = '2026-03-10T10:00:00.000Z';
    const filed = await Promise.all(Array.from({ length: SHARED }, (_, i) => store.appendOnce(makeRecord({ id: `job-1:item-${i}`, time, session: tag, costMicroUsd: i }))));
    process.stdout.write(`filed ${filed.filter(Boolean).length}\n`);
    return;
  }
  const appends: Promise<boolean>[] = [];
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
