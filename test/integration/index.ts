/**
 * The tests entry VS Code loads in its extension host (`extensionTestsPath`). It runs every compiled
 * `*.test.js` beside it with mocha and rejects when any fails, which makes the runner exit non-zero.
 */
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  // TANDEM_TEST_GREP (passed through by the runner) runs only the matching tests, for working on one suite.
  const grep = process.env.TANDEM_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  const dir = path.join(__dirname, 'suite');
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(dir, file));
  }
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run((count) => resolve(count));
    runner.on('end', () => {
      console.log(`integration: ${runner.stats?.passes ?? 0} passed, ${runner.stats?.failures ?? 0} failed`);
    });
  });
  if (failures > 0) throw new Error(`${failures} integration test(s) failed.`);
}
