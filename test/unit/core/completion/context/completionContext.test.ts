import assert from 'node:assert/strict';
import { CompletionContext, type EditorView } from '../../../../../src/core/completion/context/completionContext';
import type { ImportTarget } from '../../../../../src/core/completion/context/importedOutlines';
import { COMPLETION_DEFAULTS, type CompletionParameters } from '../../../../../src/core/completion/parameters';
import { doc } from './documents';

const SIMILAR = ['const a = formatPrice(cents);', 'const b = formatPrice(cents);', 'const c = formatPrice(cents);', 'const d = formatPrice(cents);'].join('\n');
const CURRENT = { uri: 'file:///work/app/src/cart.ts', path: 'src/cart.ts', languageId: 'typescript', prefix: 'const total = formatPrice(cents);' };
const [one, two, three] = ['one', 'two', 'three'].map((name) => doc(`file:///work/app/src/${name}.ts`, SIMILAR, { path: `src/${name}.ts` }));
const parameters = (overrides: Partial<CompletionParameters> = {}): CompletionParameters =>
  ({ ...COMPLETION_DEFAULTS, snippetWindowLines: 4, snippetTokens: 2_000, ...overrides });

/** A context whose every keystroke gets the same parameters it was built with. */
function contextWith(p: CompletionParameters, log = silent) {
  const context = new CompletionContext(p, log);
  return {
    touched: (uri: string) => context.touched(uri),
    closed: (uri: string) => context.closed(uri),
    snippets: (current: typeof CURRENT, view: EditorView) => context.snippets(current, view, p),
  };
}
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const paths = (snippets: readonly { path: string }[]) => snippets.map((s) => s.path);
const tabs = (...documents: EditorView['openDocuments']): EditorView => ({ openDocuments: documents });

describe('completion context: CompletionContext', () => {
  it('reads the open documents most recently made active first, up to snippetEditors', () => {
    const context = contextWith(parameters({ snippetEditors: 1 }));
    assert.deepEqual(paths(context.snippets(CURRENT, tabs(one, two, three))), ['src/one.ts'], 'none active yet: the first tab');
    context.touched(three.uri);
    assert.deepEqual(paths(context.snippets(CURRENT, tabs(one, two, three))), ['src/three.ts']);
    context.touched(two.uri);
    assert.deepEqual(paths(context.snippets(CURRENT, tabs(one, two, three))), ['src/two.ts']);
  });

  it('equally good snippets come most recently used first; documents never active keep their tab order after them', () => {
    const context = contextWith(parameters());
    context.touched(two.uri);
    context.touched(three.uri);
    assert.deepEqual(paths(context.snippets(CURRENT, tabs(one, two, three))), ['src/three.ts', 'src/two.ts', 'src/one.ts']);
    context.touched(two.uri);
    assert.deepEqual(paths(context.snippets(CURRENT, tabs(one, two, three))), ['src/two.ts', 'src/three.ts', 'src/one.ts']);
  });

  it('the current document is never its own context', () => {
    const context = contextWith(parameters());
    const current = doc(CURRENT.uri, SIMILAR, { path: CURRENT.path });
    context.touched(current.uri);
    assert.deepEqual(paths(context.snippets(CURRENT, tabs(current, one))), ['src/one.ts']);
  });

  it('outlines of the files the current one imports come first; a document in no workspace folder gets none', () => {
    const context = contextWith(parameters());
    const price = doc('file:///work/app/src/price.ts', 'export function formatPrice(cents: number): string {\n  return "";\n}\n', { path: 'src/price.ts' });
    const locate = (candidate: string): ImportTarget => ({
      uri: `file:///work/app/${candidate}`,
      excluded: false,
      ...(candidate === 'src/price.ts' ? { open: price } : {}),
      read: async () => undefined,
    });
    const cart = doc(CURRENT.uri, "import { formatPrice } from './price';\n", { path: CURRENT.path });
    const withImports: EditorView = { openDocuments: [one], imports: { document: cart, locate } };
    const snippets = context.snippets(CURRENT, withImports);
    assert.deepEqual(snippets.map((s) => [s.kind, s.path]), [['signatures', 'src/price.ts'], ['similar', 'src/one.ts']]);
    assert.equal(snippets[0].text, 'export function formatPrice(cents: number): string { … }');
    assert.deepEqual(context.snippets(CURRENT, tabs(one)).map((s) => s.kind), ['similar']);
  });

  it('a document closed and opened again has its imports read again', () => {
    const context = contextWith(parameters());
    const cart = doc(CURRENT.uri, "import { formatPrice } from './price';\n", { path: CURRENT.path });
    const view: EditorView = { openDocuments: [], imports: { document: cart, locate: (c) => ({ uri: c, excluded: true, read: async () => undefined }) } };
    context.snippets(CURRENT, view);
    context.snippets(CURRENT, view);
    assert.equal(cart.reads(), 1);
    context.closed(cart.uri);
    context.snippets(CURRENT, view);
    assert.equal(cart.reads(), 2);
  });
});
