import assert from 'node:assert/strict';
import { identifierSet, MAX_DOCUMENT_LINES, SimilarSnippetFinder, similarSnippets } from '../../../../../src/core/completion/context/similarSnippets';
import { doc } from './documents';

const lines = (...l: string[]): string => l.join('\n');

// Windows of 4 lines start at lines 0, 2 and 4.
const PRICES = lines(
  'function parseUser(row) {',
  '  return { id: row.id, name: row.name };',
  '}',
  '',
  'function formatPrice(cents, currency) {',
  '  const units = Math.floor(cents / 100);',
  '  return units + currency;',
  '}',
);
const QUERY = 'const total = formatPrice(order.cents, order.currency);';
const OPTIONS = { windowLines: 4, budgetTokens: 1_000, maxDocuments: 6 };

describe('completion context: identifierSet', () => {
  it('keeps identifiers of two characters or more, lower-cased, without common keywords', () => {
    assert.deepEqual([...identifierSet('const userName = await fetchUser(i, $el, this.x_y); return None')], ['username', 'fetchuser', '$el', 'x_y']);
  });
});

describe('completion context: similarSnippets', () => {
  it('returns the window most like the query, one of two overlapping equals (the earlier)', () => {
    assert.deepEqual(similarSnippets(QUERY, [doc('file:///src/prices.ts', PRICES)], OPTIONS), [
      { kind: 'similar', path: 'src/prices.ts', text: lines('}', '', 'function formatPrice(cents, currency) {', '  const units = Math.floor(cents / 100);') },
    ]);
  });

  it('returns nothing when no window shares a word with the query, or the query has none', () => {
    assert.deepEqual(similarSnippets('let answer = fortyTwo;', [doc('file:///a.ts', PRICES)], OPTIONS), []);
    assert.deepEqual(similarSnippets('  }\n', [doc('file:///a.ts', PRICES)], OPTIONS), []);
  });

  it('takes at most two windows from one document, none overlapping, best first', () => {
    const text = lines('loadUser(id);', 'saveUser(user);', 'other();', 'more();', 'unrelated();', 'stuff();', 'loadUser(id);', 'saveUser(user);', 'loadUser(id);', 'x();');
    const found = similarSnippets('loadUser(id); saveUser(user);', [doc('file:///u.ts', text)], { ...OPTIONS, windowLines: 2 });
    // Windows of 2 lines start every line; the full matches are at lines 0 and 6, then line 7 (overlapping 6) and 8.
    assert.deepEqual(
      found.map((s) => s.text),
      [lines('loadUser(id);', 'saveUser(user);'), lines('loadUser(id);', 'saveUser(user);')],
    );
  });

  it('orders snippets from several documents by score, ties by the order documents are given in', () => {
    const exact = doc('file:///b.ts', 'const total = formatPrice(order.cents, order.currency);');
    const partial = doc('file:///c.ts', 'formatPrice(cents)');
    const tie = doc('file:///d.ts', 'formatPrice(cents)');
    const found = similarSnippets(QUERY, [partial, tie, exact], OPTIONS);
    assert.deepEqual(
      found.map((s) => s.path),
      ['b.ts', 'c.ts', 'd.ts'],
    );
  });

  it('keeps within the token budget, skipping a snippet too large for what is left', () => {
    const big = doc('file:///big.ts', `formatPrice(cents, currency, order, ${'padding'.repeat(20)})`); // 45 tokens, the best match
    const mid = doc('file:///mid.ts', `formatPrice(cents, total, ${'x'.repeat(40)})`); // 17 tokens, the second best
    const small = doc('file:///small.ts', 'formatPrice(c)'); // 4 tokens, the weakest
    assert.deepEqual(
      similarSnippets(QUERY, [big, mid, small], { ...OPTIONS, budgetTokens: 50 }).map((s) => s.path),
      ['big.ts', 'small.ts'],
    );
    assert.deepEqual(similarSnippets(QUERY, [big, mid, small], { ...OPTIONS, budgetTokens: 3 }), []);
  });

  it('reads only the first maxDocuments documents', () => {
    const docs = ['a', 'b', 'c'].map((name) => doc(`file:///${name}.ts`, 'formatPrice(cents)'));
    const found = similarSnippets(QUERY, docs, { ...OPTIONS, maxDocuments: 2 });
    assert.deepEqual(
      found.map((s) => s.path),
      ['a.ts', 'b.ts'],
    );
    assert.equal(docs[2].reads(), 0);
  });

  it('skips documents too long to be worth splitting', () => {
    const long = doc('file:///long.ts', Array.from({ length: MAX_DOCUMENT_LINES + 1 }, () => 'formatPrice(cents);').join('\n'));
    const atLimit = doc('file:///limit.ts', Array.from({ length: MAX_DOCUMENT_LINES }, () => 'formatPrice(cents);').join('\n'));
    assert.deepEqual(
      similarSnippets(QUERY, [long, atLimit], OPTIONS).map((s) => s.path),
      ['limit.ts', 'limit.ts'],
    );
  });

  it('covers the end of a document whose length is not a multiple of the step', () => {
    // Windows start at lines 0 and 2; the second is cut short by the end and still holds the last line.
    const text = lines('a1();', 'a2();', 'a3();', 'a4();', 'formatPrice(cents);');
    assert.deepEqual(similarSnippets(QUERY, [doc('file:///t.ts', text)], OPTIONS), [{ kind: 'similar', path: 't.ts', text: lines('a3();', 'a4();', 'formatPrice(cents);') }]);
  });

  it('gives the same answer every time', () => {
    const docs = [doc('file:///x.ts', PRICES), doc('file:///y.ts', PRICES.replace(/Price/g, 'Cost')), doc('file:///z.ts', PRICES)];
    assert.deepEqual(similarSnippets(QUERY, docs, OPTIONS), similarSnippets(QUERY, docs, OPTIONS));
  });
});

describe('completion context: SimilarSnippetFinder cache', () => {
  it('reuses the windows of an unchanged document without reading its text again', () => {
    const finder = new SimilarSnippetFinder();
    const prices = doc('file:///p.ts', PRICES);
    const first = finder.find(QUERY, [prices], OPTIONS);
    const second = finder.find('formatPrice(order.cents)', [prices], OPTIONS);
    assert.equal(prices.reads(), 1);
    assert.equal(first.length, 1);
    assert.deepEqual(second, first);
  });

  it('splits a document again when its version or the window size changes', () => {
    const finder = new SimilarSnippetFinder();
    finder.find(QUERY, [doc('file:///p.ts', PRICES)], OPTIONS);
    const edited = doc('file:///p.ts', 'formatPrice(cents, currency);', { version: 2 });
    assert.deepEqual(finder.find(QUERY, [edited], OPTIONS), [{ kind: 'similar', path: 'p.ts', text: 'formatPrice(cents, currency);' }]);
    finder.find(QUERY, [edited], { ...OPTIONS, windowLines: 6 });
    assert.equal(edited.reads(), 2);
  });

  it('forgets documents no longer passed in', () => {
    const finder = new SimilarSnippetFinder();
    const a = doc('file:///a.ts', PRICES);
    const b = doc('file:///b.ts', PRICES);
    finder.find(QUERY, [a, b], OPTIONS);
    finder.find(QUERY, [b], OPTIONS); // a is closed: its windows go
    finder.find(QUERY, [a, b], OPTIONS);
    assert.deepEqual([a.reads(), b.reads()], [2, 1]);
  });

  it('scores six documents of 1,000 lines from the cache once warmed', () => {
    const finder = new SimilarSnippetFinder();
    const body = Array.from({ length: 1_000 }, (_, i) => `  const value${i % 50} = compute${i % 7}(input.field${i % 13});`).join('\n');
    const docs = Array.from({ length: 6 }, (_, i) => doc(`file:///big${i}.ts`, body));
    const options = { windowLines: 12, budgetTokens: 600, maxDocuments: 6 };
    const cold = finder.find('const value3 = compute3(input.field3);', docs, options);
    const warm = finder.find('const value3 = compute3(input.field3);', docs, options);
    assert.deepEqual(warm, cold);
    assert.ok(cold.length > 0);
    assert.deepEqual(
      docs.map((d) => d.reads()),
      [1, 1, 1, 1, 1, 1],
    );
  });
});
