import assert from 'node:assert/strict';
import { CompletionCache } from '../../../../src/core/completion/cache/completionCache';
import type { CursorText } from '../../../../src/core/completion/cache/cursorKey';

const OPTIONS = { prefixChars: 200, suffixChars: 50, entries: 3, ttlMs: 60_000 };
const DOC = 'file:///src/a.ts';
const CALL = 'call-1';
const answer = (text: string) => ({ text, callId: CALL });

/** The cursor at the `|` of `text`. */
function at(text: string, document = DOC): CursorText {
  const offset = text.indexOf('|');
  return { document, offset, prefix: text.slice(0, offset), suffix: text.slice(offset + 1) };
}

describe('completion cache', () => {
  let now: number;
  let cache: CompletionCache;
  beforeEach(() => {
    now = 0;
    cache = new CompletionCache(() => now);
  });

  it('serves the same place again (backspacing or undoing back to it)', () => {
    cache.store(at('const total = |;\n'), answer('items.length'), OPTIONS);
    assert.deepEqual(cache.lookup(at('const total = |;\n'), OPTIONS), { text: 'items.length', callId: CALL, typed: 0 });
  });

  it('serves the rest of a completion the user is typing into', () => {
    cache.store(at('const total = |;\n'), answer('items.length'), OPTIONS);
    assert.deepEqual(cache.lookup(at('const total = it|;\n'), OPTIONS), { text: 'ems.length', callId: CALL, typed: 2 });
    assert.deepEqual(cache.lookup(at('const total = items.|;\n'), OPTIONS), { text: 'length', callId: CALL, typed: 6 });
  });

  it('misses once the typed text leaves the completion, or all of it is typed', () => {
    cache.store(at('const total = |;\n'), answer('items.length'), OPTIONS);
    assert.equal(cache.lookup(at('const total = ix|;\n'), OPTIONS), undefined);
    assert.equal(cache.lookup(at('const total = items.length|;\n'), OPTIONS), undefined);
  });

  it('misses when the text after the cursor or before the typed part changed', () => {
    cache.store(at('const total = |;\n'), answer('items.length'), OPTIONS);
    assert.equal(cache.lookup(at('const total = |;\nmore\n'), OPTIONS), undefined, 'text after the cursor changed');
    assert.equal(cache.lookup(at('let total = |;\n'), OPTIONS), undefined, 'a shorter prefix: offset differs');
    assert.equal(cache.lookup(at('const totaL = |;\n'), OPTIONS), undefined, 'same length, different text');
    assert.equal(cache.lookup(at('const total = |;\n', 'file:///src/b.ts'), OPTIONS), undefined, 'another document');
  });

  it('remembers that a place had nothing to suggest, without matching text typed after it', () => {
    cache.store(at('x|'), answer(''), OPTIONS);
    assert.deepEqual(cache.lookup(at('x|'), OPTIONS), { text: '', callId: CALL, typed: 0 });
    assert.equal(cache.lookup(at('xy|'), OPTIONS), undefined);
  });

  it('prefers the answer given closest to the cursor', () => {
    cache.store(at('a = |'), answer('foo(bar)'), OPTIONS);
    cache.store(at('a = foo(|'), answer('baz)'), OPTIONS);
    assert.deepEqual(cache.lookup(at('a = foo(|'), OPTIONS), { text: 'baz)', callId: CALL, typed: 0 });
    assert.deepEqual(cache.lookup(at('a = foo(b|'), OPTIONS), { text: 'az)', callId: CALL, typed: 1 });
  });

  it('evicts the least recently used entry and expires old ones', () => {
    cache.store(at('a|'), answer('1'), OPTIONS);
    cache.store(at('b|'), answer('2'), OPTIONS);
    cache.store(at('c|'), answer('3'), OPTIONS);
    assert.ok(cache.lookup(at('a|'), OPTIONS), 'touching a makes b the least recently used');
    cache.store(at('d|'), answer('4'), OPTIONS);
    assert.equal(cache.size, 3);
    assert.equal(cache.lookup(at('b|'), OPTIONS), undefined);
    assert.ok(cache.lookup(at('a|'), OPTIONS));
    now = 60_001;
    assert.equal(cache.lookup(at('a|'), OPTIONS), undefined, 'older than the TTL');
  });

  it('a new answer for the same place replaces the old one; a closed document is forgotten', () => {
    cache.store(at('a|'), answer('old'), OPTIONS);
    cache.store(at('a|'), answer('new'), OPTIONS);
    assert.equal(cache.size, 1);
    assert.equal(cache.lookup(at('a|'), OPTIONS)?.text, 'new');
    cache.forgetDocument(DOC);
    assert.equal(cache.size, 0);
    assert.equal(cache.lookup(at('a|'), OPTIONS), undefined);
  });
});
