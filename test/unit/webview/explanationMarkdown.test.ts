import assert from 'node:assert/strict';
import { explanationHtml } from '../../../src/webview/explanation/safeMarkdown';

/** Every tag's attributes other than a class: what could make the page load or open something. */
function riskyAttributes(html: string): string[] {
  return [...html.matchAll(/<[a-z][a-z0-9]*(\s[^>]*)?>/gi)].map((tag) => tag[1]?.trim() ?? '').filter((a) => a && !/^class="[\w -]*"$/.test(a));
}

describe('explanation Markdown: rendered with nothing that calls out', () => {
  it('turns a remote image into a text placeholder with its alt text and host, never an <img>', () => {
    const html = explanationHtml('Sums it.\n\n![x](https://example.invalid/leak?q=secret)');
    assert.equal(html, '<p>Sums it.</p>\n<p><span class="image-placeholder">[image “x” from example.invalid, not loaded]</span></p>\n');
    assert.doesNotMatch(html, /<img|leak\?q=secret/);
  });

  it('names where any other image would have come from, and loads none', () => {
    assert.match(explanationHtml('![](https://cdn.example.invalid:8443/p.png)'), /\[image from cdn\.example\.invalid:8443, not loaded\]/);
    assert.match(explanationHtml('![diagram **one**](./docs/a.png)'), /\[image “diagram one” at \.\/docs\/a\.png, not loaded\]/);
    assert.match(explanationHtml('![dot](data:image/png;base64,iVBORw0KGgo=)'), /\[image “dot” in a data: URL, not loaded\]/);
    // Reference-style images are images too.
    assert.match(explanationHtml('![x][leak]\n\n[leak]: https://example.invalid/?q=secret'), /\[image “x” from example\.invalid, not loaded\]/);
    assert.deepEqual(riskyAttributes(explanationHtml('![a](https://e.invalid/1) ![b](/abs.png) ![c](data:image/gif;base64,R0lGOD)')), []);
  });

  it('shows a link as its text and its URL, as text: nothing to click', () => {
    const html = explanationHtml('See [the docs](https://example.invalid/docs?q=secret&x=1).');
    assert.equal(html, '<p>See <span class="link-text">the docs</span> <span class="link-url">(https://example.invalid/docs?q=secret&amp;x=1)</span>.</p>\n');
    assert.equal(explanationHtml('<https://example.invalid/a>'), '<p><span class="link-url">https://example.invalid/a</span></p>\n', 'an autolink shows its URL once');
    assert.match(explanationHtml('[ref][r]\n\n[r]: https://example.invalid/r'), /<span class="link-text">ref<\/span> <span class="link-url">\(https:\/\/example\.invalid\/r\)<\/span>/);
    // An image inside a link: both as text.
    assert.equal(
      explanationHtml('[![logo](https://example.invalid/i.png)](https://example.invalid/home)'),
      '<p><span class="link-text"><span class="image-placeholder">[image “logo” from example.invalid, not loaded]</span></span> <span class="link-url">(https://example.invalid/home)</span></p>\n',
    );
    assert.equal(explanationHtml('Bare https://example.invalid/x stays text.'), '<p>Bare https://example.invalid/x stays text.</p>\n');
    assert.deepEqual(riskyAttributes(explanationHtml('[a](https://e.invalid) [b](mailto:x@e.invalid) <x@e.invalid> [c](javascript:alert(1))')), []);
  });

  it('escapes raw HTML in the answer, never interprets it', () => {
    const html = explanationHtml('<img src="https://example.invalid/x" onerror="alert(1)">\n\nText <script>alert(1)</script> and <a href="https://example.invalid">a</a>.\n\n<iframe src="https://example.invalid"></iframe>');
    assert.deepEqual(riskyAttributes(html), []);
    assert.doesNotMatch(html, /<(img|script|a|iframe)\b/);
    assert.match(html, /&lt;img src=&quot;https:\/\/example\.invalid\/x&quot; onerror=&quot;alert\(1\)&quot;&gt;/);
    assert.match(html, /Text &lt;script&gt;alert\(1\)&lt;\/script&gt; and &lt;a href=/);
  });

  it('keeps the Markdown of an explanation: code blocks, inline code, emphasis, lists, headings, tables', () => {
    const html = explanationHtml([
      '# app.ts, lines 3-9',
      '',
      'Returns a **new** array; `xs` is _unchanged_.',
      '',
      '- one',
      '- two',
      '',
      '```ts',
      'const tag = "<b>" && a < b;',
      '```',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
    ].join('\n'));
    assert.match(html, /<h1>app\.ts, lines 3-9<\/h1>/);
    assert.match(html, /<strong>new<\/strong>/);
    assert.match(html, /<code>xs<\/code>/);
    assert.match(html, /<em>unchanged<\/em>/);
    assert.match(html, /<ul>\n<li>one<\/li>\n<li>two<\/li>\n<\/ul>/);
    assert.match(html, /<pre><code class="language-ts">const tag = &quot;&lt;b&gt;&quot; &amp;&amp; a &lt; b;\n<\/code><\/pre>/);
    assert.match(html, /<table>[\s\S]*<td>1<\/td>/);
    assert.deepEqual(riskyAttributes(html), []);
  });

  it('renders a half-streamed answer: an open fence is a code block so far', () => {
    assert.equal(explanationHtml('Look:\n\n```js\nconst a = 1;'), '<p>Look:</p>\n<pre><code class="language-js">const a = 1;</code></pre>\n');
  });
});
