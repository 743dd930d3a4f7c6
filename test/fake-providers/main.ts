// CLI: `tsx test/fake-providers/main.ts [--port N] [--host H] [--batch-delay MS]`.
// Prints `fake providers listening on http://127.0.0.1:PORT` and runs until SIGINT/SIGTERM.
import { startFakeProviders } from './server';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function numberOption(name: string): number | undefined {
  const v = option(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`${name} expects a non-negative integer, got ${JSON.stringify(v)}`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const fake = await startFakeProviders({ port: numberOption('--port'), host: option('--host'), batchDelayMs: numberOption('--batch-delay') });
  console.log(`fake providers listening on ${fake.url}`);
  const stop = () => {
    fake.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
