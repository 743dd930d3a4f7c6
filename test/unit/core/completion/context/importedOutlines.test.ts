import assert from 'node:assert/strict';
import { DISK_OUTLINE_TTL_MS, ImportedOutlines, type ImportTarget } from '../../../../../src/core/completion/context/importedOutlines';
import { signatureOutline } from '../../../../../src/core/completion/context/signatures';
import type { ContextDocument } from '../../../../../src/core/completion/context/types';
import { doc } from './documents';

const PARAMETERS = { importedFiles: 4, signatureLines: 40 };
const PRICE = 'export function formatPrice(cents: number): string {\n  return `$${cents / 100}`;\n}\n';
const TAX = 'export const TAX_RATE = 0.2;\nexport function withTax(cents: number): number {\n  return cents * 1.2;\n}\n';
const outlineOf = (text: string) => signatureOutline(text, 'typescript', PARAMETERS.signatureLines);
/** A network round trip's worth of waiting: reads started by one request land before the next. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** The workspace folder as the editor layer shows it: files on disk, documents open in editors, exclusions. */
class Workspace {
  readonly disk = new Map<string, string>();
  readonly open = new Map<string, ContextDocument>();
  readonly excluded = new Set<string>();
  readonly unreadable = new Map<string, Error>();
  /** Every read of a file on disk, by path. */
  readonly reads: string[] = [];

  readonly locate = (candidate: string): ImportTarget => ({
    uri: `file:///work/app/${candidate}`,
    excluded: this.excluded.has(candidate),
    ...(this.open.has(candidate) ? { open: this.open.get(candidate) } : {}),
    read: async () => {
      this.reads.push(candidate);
      await Promise.resolve();
      const problem = this.unreadable.get(candidate);
      if (problem) throw problem;
      return this.disk.get(candidate);
    },
  });
}

const importing = (text: string, version = 1) => doc('file:///work/app/src/cart.ts', text, { path: 'src/cart.ts', version });
const CART = importing("import { formatPrice } from './price';\nimport { withTax } from './tax';\n");

function setUp() {
  const logs: string[] = [];
  let time = 1_000_000;
  const outlines = new ImportedOutlines({ info: () => {}, warn: (m) => logs.push(m), error: (m) => logs.push(m) }, () => time);
  return { outlines, logs, workspace: new Workspace(), later: (ms: number) => (time += ms) };
}

describe('completion context: ImportedOutlines', () => {
  it('never waits: a file not read yet joins from the next request on, and is read once', async () => {
    const { outlines, workspace } = setUp();
    workspace.disk.set('src/price.ts', PRICE);
    workspace.disk.set('src/tax.ts', TAX);
    assert.deepEqual(outlines.outlines(CART, workspace.locate, PARAMETERS), []);
    await settle();
    const expected = [{ path: 'src/price.ts', outline: outlineOf(PRICE) }, { path: 'src/tax.ts', outline: outlineOf(TAX) }];
    assert.deepEqual(outlines.outlines(CART, workspace.locate, PARAMETERS), expected);
    const reads = workspace.reads.length;
    assert.deepEqual(outlines.outlines(CART, workspace.locate, PARAMETERS), expected);
    assert.equal(workspace.reads.length, reads, 'nothing read again within the minute');
  });

  it('looks for every candidate of an import at once and uses the first that exists', async () => {
    const { outlines, workspace } = setUp();
    workspace.disk.set('src/price/index.ts', PRICE);
    const cart = importing("import { formatPrice } from './price';\n");
    outlines.outlines(cart, workspace.locate, PARAMETERS);
    assert.ok(workspace.reads.includes('src/price.ts') && workspace.reads.includes('src/price/index.ts'), workspace.reads.join(', '));
    await settle();
    assert.deepEqual(outlines.outlines(cart, workspace.locate, PARAMETERS), [{ path: 'src/price/index.ts', outline: outlineOf(PRICE) }]);
  });

  it('an imported file open in an editor: its unsaved text, never read from disk, outlined once per version', () => {
    const { outlines, workspace } = setUp();
    workspace.disk.set('src/price.ts', 'export const old = 1;\n');
    const open = doc('file:///work/app/src/price.ts', PRICE, { path: 'src/price.ts', version: 3 });
    workspace.open.set('src/price.ts', open);
    const cart = importing("import { formatPrice } from './price';\n");
    assert.deepEqual(outlines.outlines(cart, workspace.locate, PARAMETERS), [{ path: 'src/price.ts', outline: outlineOf(PRICE) }]);
    outlines.outlines(cart, workspace.locate, PARAMETERS);
    assert.equal(open.reads(), 1);
    assert.deepEqual(workspace.reads, []);

    workspace.open.set('src/price.ts', doc('file:///work/app/src/price.ts', TAX, { path: 'src/price.ts', version: 4 }));
    assert.deepEqual(outlines.outlines(cart, workspace.locate, PARAMETERS), [{ path: 'src/price.ts', outline: outlineOf(TAX) }]);
  });

  it('an excluded file is never read, nor any other candidate of its import', async () => {
    const { outlines, workspace } = setUp();
    workspace.excluded.add('src/secrets.ts');
    workspace.disk.set('src/secrets.ts', 'export const KEY = "sk-live-1";\n');
    workspace.disk.set('src/secrets/index.ts', 'export const KEY = "sk-live-2";\n');
    const cart = importing("import { KEY } from './secrets';\n");
    outlines.outlines(cart, workspace.locate, PARAMETERS);
    await settle();
    assert.deepEqual(outlines.outlines(cart, workspace.locate, PARAMETERS), []);
    assert.deepEqual(workspace.reads, []);
  });

  it('at most importedFiles outlines, in the order the file imports them', async () => {
    const { outlines, workspace } = setUp();
    const names = ['a', 'b', 'c'];
    for (const name of names) workspace.disk.set(`src/${name}.ts`, `export const ${name} = 1;\n`);
    const cart = importing(names.map((n) => `import { ${n} } from './${n}';`).join('\n'));
    outlines.outlines(cart, workspace.locate, { ...PARAMETERS, importedFiles: 2 });
    await settle();
    assert.deepEqual(outlines.outlines(cart, workspace.locate, { ...PARAMETERS, importedFiles: 2 }).map((o) => o.path), ['src/a.ts', 'src/b.ts']);
  });

  it('a file on disk is read again after a minute; the outline read before stands until the new one lands', async () => {
    const { outlines, workspace, later } = setUp();
    const cart = importing("import { formatPrice } from './price';\n");
    workspace.disk.set('src/price.ts', PRICE);
    outlines.outlines(cart, workspace.locate, PARAMETERS);
    await settle();
    workspace.disk.set('src/price.ts', TAX);
    later(DISK_OUTLINE_TTL_MS - 1);
    const before = workspace.reads.length;
    assert.deepEqual(outlines.outlines(cart, workspace.locate, PARAMETERS), [{ path: 'src/price.ts', outline: outlineOf(PRICE) }]);
    assert.equal(workspace.reads.length, before, 'not yet');
    later(1);
    assert.deepEqual(outlines.outlines(cart, workspace.locate, PARAMETERS), [{ path: 'src/price.ts', outline: outlineOf(PRICE) }], 'the old outline while reading');
    assert.deepEqual(workspace.reads.slice(before), ['src/price.ts']);
    await settle();
    assert.deepEqual(outlines.outlines(cart, workspace.locate, PARAMETERS), [{ path: 'src/price.ts', outline: outlineOf(TAX) }]);
  });

  it('a file that cannot be read is left out and logged; a file that is not there is left out quietly', async () => {
    const { outlines, workspace, logs } = setUp();
    workspace.unreadable.set('src/price.ts', new Error('EACCES: permission denied'));
    const cart = importing("import { formatPrice } from './price';\nimport { gone } from './gone';\n");
    outlines.outlines(cart, workspace.locate, PARAMETERS);
    await settle();
    assert.deepEqual(outlines.outlines(cart, workspace.locate, PARAMETERS), []);
    assert.deepEqual(logs, ['completions: could not read file:///work/app/src/price.ts (EACCES: permission denied)']);
  });

  it('reads the importing file\'s imports once per version; after it is closed (forget), again', () => {
    const { outlines, workspace } = setUp();
    const cart = importing("import { formatPrice } from './price';\n");
    outlines.outlines(cart, workspace.locate, PARAMETERS);
    outlines.outlines(cart, workspace.locate, PARAMETERS);
    assert.equal(cart.reads(), 1);
    outlines.forget(cart.uri);
    outlines.outlines(cart, workspace.locate, PARAMETERS);
    assert.equal(cart.reads(), 2);
  });
});
