import assert from 'node:assert/strict';
import { ContextGatherer, type ContextInput } from '../../../../../src/core/completion/context/gatherContext';
import type { ContextDocument } from '../../../../../src/core/completion/context/types';
import { estimateTokens } from '../../../../../src/core/tokens/estimate';
import { doc } from './documents';

const lines = (...l: string[]): string => l.join('\n');

// Each outline line is 39 characters: n lines joined are 40n − 1 characters, 10n tokens.
const OUTLINE = Array.from({ length: 8 }, (_, i) => `export declare function fnA${i}(): string;`).join('\n');
const outlineLines = (n: number): string => OUTLINE.split('\n').slice(0, n).join('\n');
// Four 29-character lines: one window of 119 characters, 30 tokens.
const similarText = (tag: string): string => ['a', 'b', 'c', 'd'].map((v) => `const ${v} = formatPrice(${tag});`).join('\n');
const CURRENT = { uri: 'file:///src/cart.ts', path: 'src/cart.ts', languageId: 'typescript', prefix: lines('import { formatPrice } from "./price";', '', 'const total = formatPrice(cents);') };

function input(openDocuments: readonly ContextDocument[], budgetTokens: number, importedOutlines: ContextInput['importedOutlines'] = [{ path: 'src/api.ts', outline: OUTLINE }]): ContextInput {
  return { current: CURRENT, openDocuments, importedOutlines, budgetTokens };
}

const gatherer = (snippetEditors = 6): ContextGatherer => new ContextGatherer({ snippetWindowLines: 4, snippetEditors });
const tokensOf = (snippets: readonly { text: string }[]): number => snippets.reduce((sum, s) => sum + estimateTokens(s.text, 'openai'), 0);

describe('completion context: ContextGatherer', () => {
  it('puts signatures of imported files first, then similar snippets', () => {
    const result = gatherer().gather(input([doc('file:///src/s1.ts', similarText('cents'))], 1_000));
    assert.deepEqual(result, [
      { kind: 'signatures', path: 'src/api.ts', text: OUTLINE },
      { kind: 'similar', path: 'src/s1.ts', text: similarText('cents') },
    ]);
  });

  it('keeps imported outlines in the order given, leaving out empty ones and the current file', () => {
    const outlines = [
      { path: 'src/b.ts', outline: 'export const b: number;\n' },
      { path: 'src/cart.ts', outline: 'export const self: number;' },
      { path: 'src/empty.ts', outline: '' },
      { path: 'src/a.ts', outline: 'export const a: number;' },
    ];
    assert.deepEqual(gatherer().gather(input([], 1_000, outlines)), [
      { kind: 'signatures', path: 'src/b.ts', text: 'export const b: number;' },
      { kind: 'signatures', path: 'src/a.ts', text: 'export const a: number;' },
    ]);
  });

  it('gives signatures at most half the budget when similar snippets want more', () => {
    const docs = [doc('file:///src/s1.ts', similarText('cents')), doc('file:///src/s2.ts', similarText('cents'))];
    const result = gatherer().gather(input(docs, 100));
    assert.deepEqual(result, [
      { kind: 'signatures', path: 'src/api.ts', text: outlineLines(5) },
      { kind: 'similar', path: 'src/s1.ts', text: similarText('cents') },
    ]);
    assert.ok(tokensOf(result) <= 100);
  });

  it('gives signatures the share similar snippets do not need', () => {
    const result = gatherer().gather(input([doc('file:///src/s1.ts', similarText('cents'))], 100));
    assert.deepEqual(result, [
      { kind: 'signatures', path: 'src/api.ts', text: outlineLines(7) },
      { kind: 'similar', path: 'src/s1.ts', text: similarText('cents') },
    ]);
    assert.equal(tokensOf(result), 100);
  });

  it('gives signatures the whole budget when nothing is similar, cutting outlines on whole lines', () => {
    const outlines = [
      { path: 'src/api.ts', outline: OUTLINE },
      { path: 'src/more.ts', outline: OUTLINE },
    ];
    assert.deepEqual(gatherer().gather(input([doc('file:///src/other.ts', 'unrelatedCode();')], 120, outlines)), [
      { kind: 'signatures', path: 'src/api.ts', text: OUTLINE },
      { kind: 'signatures', path: 'src/more.ts', text: outlineLines(4) },
    ]);
  });

  it('returns nothing when the budget holds not even one line', () => {
    assert.deepEqual(gatherer().gather(input([doc('file:///src/s1.ts', similarText('cents'))], 5)), []);
    assert.deepEqual(gatherer().gather(input([doc('file:///src/s1.ts', similarText('cents'))], 0)), []);
  });

  it('skips the current document, untitled documents and other languages, and treats JS and TS as one', () => {
    const docs = [
      doc(CURRENT.uri, similarText('cents')),
      doc('untitled:Untitled-1', similarText('cents')),
      doc('file:///scripts/price.py', similarText('cents'), { languageId: 'python' }),
      doc('file:///notes.md', similarText('cents'), { languageId: 'markdown' }),
      doc('file:///web/Price.jsx', similarText('cents'), { languageId: 'javascriptreact' }),
    ];
    assert.deepEqual(gatherer().gather(input(docs, 1_000, [])), [{ kind: 'similar', path: 'web/Price.jsx', text: similarText('cents') }]);
  });

  it('matches Python documents only to Python', () => {
    const current = { uri: 'file:///app/main.py', path: 'app/main.py', languageId: 'python', prefix: 'total = format_price(cents)' };
    const docs = [doc('file:///app/price.ts', 'format_price(cents)'), doc('file:///app/price.py', 'def format_price(cents):', { languageId: 'python' })];
    assert.deepEqual(new ContextGatherer({ snippetWindowLines: 4, snippetEditors: 6 }).gather({ current, openDocuments: docs, importedOutlines: [], budgetTokens: 500 }), [
      { kind: 'similar', path: 'app/price.py', text: 'def format_price(cents):' },
    ]);
  });

  it('counts snippetEditors among the documents that qualify, most recent first', () => {
    const docs = [doc(CURRENT.uri, similarText('cents')), doc('file:///x.py', similarText('cents'), { languageId: 'python' }), doc('file:///src/s1.ts', similarText('cents')), doc('file:///src/s2.ts', similarText('cents'))];
    assert.deepEqual(
      gatherer(1)
        .gather(input(docs, 1_000, []))
        .map((s) => s.path),
      ['src/s1.ts'],
    );
  });

  it('looks for code like the last snippetWindowLines lines of the prefix only', () => {
    const current = { ...CURRENT, prefix: lines('renderInvoiceHeader();', 'one();', 'two();', 'three();', 'four();') };
    const result = gatherer().gather({ current, openDocuments: [doc('file:///src/inv.ts', 'renderInvoiceHeader();')], importedOutlines: [], budgetTokens: 1_000 });
    assert.deepEqual(result, []);
  });

  it('reads each unchanged document once across requests', () => {
    const g = gatherer();
    const s1 = doc('file:///src/s1.ts', similarText('cents'));
    const first = g.gather(input([s1], 1_000));
    const second = g.gather(input([s1], 1_000));
    assert.deepEqual(second, first);
    assert.equal(s1.reads(), 1);
  });
});
