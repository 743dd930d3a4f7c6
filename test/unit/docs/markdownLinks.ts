import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

/**
 * What a reader who has only this project can follow: every link in a Markdown file must reach a file inside
 * the project (and, with an anchor, a heading in it) or be a web page. Links are read with markdown-it, the
 * parser the project already ships, so reference links, autolinks and links in tables count, and code blocks
 * do not.
 */

const markdown = new MarkdownIt('default', { html: true, linkify: false });
// markdown-it drops links with schemes it deems unsafe (`file:`, `vbscript:`); here they must be seen to be refused.
markdown.validateLink = () => true;

/** Schemes a reader can open from anywhere. */
const WEB = /^(?:https?:|mailto:)/i;
/** Any other scheme (`file:`, `vscode:`, `command:`) points at something a reader of the page may not have. */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The anchor GitHub (and the Marketplace) give a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown text's headings, numbered as GitHub numbers repeats (`x`, `x-1`, `x-2`). */
export function headingAnchors(source: string): Set<string> {
  const tokens = markdown.parse(source, {});
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const slug = headingSlug(plainText(tokens[i + 1]));
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  });
  return anchors;
}

function plainText(inline: Token | undefined): string {
  return (inline?.children ?? [])
    .filter((t) => t.type === 'text' || t.type === 'code_inline')
    .map((t) => t.content)
    .join('');
}

/** Every link and image target of a Markdown text, with the code spans that name a path out of the project. */
function targets(source: string): { links: string[]; outsideMentions: string[] } {
  const links: string[] = [];
  const outsideMentions: string[] = [];
  const visit = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      if (token.type === 'link_open') links.push(token.attrGet('href') ?? '');
      if (token.type === 'image') links.push(token.attrGet('src') ?? '');
      // `../shared/…` in a code span is a file the reader is told about but does not have.
      if (token.type === 'code_inline' && token.content.startsWith('../')) outsideMentions.push(token.content);
      if (token.children) visit(token.children);
    }
  };
  visit(markdown.parse(source, {}));
  return { links, outsideMentions };
}

/**
 * What is wrong with the links of `file` (a path relative to `root`): one line per broken link, empty when
 * every link resolves inside the project.
 */
export function brokenLinks(root: string, file: string): string[] {
  const absolute = path.join(root, file);
  const source = fs.readFileSync(absolute, 'utf8');
  const { links, outsideMentions } = targets(source);
  const problems = outsideMentions.map((mention) => `${file}: names \`${mention}\`, which is outside the project`);
  for (const href of links) {
    const why = linkProblem(root, absolute, source, href);
    if (why) problems.push(`${file}: ${href || '(empty link)'}: ${why}`);
  }
  return problems;
}

/** The project files the links of `file` lead to (relative to `root`, without anchors; web links left out). */
export function linkedFiles(root: string, file: string): string[] {
  const absolute = path.join(root, file);
  const { links } = targets(fs.readFileSync(absolute, 'utf8'));
  const files = links
    .filter((href) => href !== '' && !WEB.test(href) && !SCHEME.test(href) && !href.startsWith('#'))
    .map((href) => path.relative(root, path.resolve(path.dirname(absolute), decodeURIComponent(href.split('#')[0]))));
  return [...new Set(files)];
}

function linkProblem(root: string, from: string, source: string, href: string): string | undefined {
  if (WEB.test(href)) return undefined;
  if (SCHEME.test(href)) return 'not a web page or a file in the project';
  if (href === '') return 'empty';
  const hash = href.indexOf('#');
  const target = decodeURIComponent(hash < 0 ? href : href.slice(0, hash));
  const anchor = hash < 0 ? undefined : decodeURIComponent(href.slice(hash + 1));
  if (target.startsWith('/')) return 'an absolute path; link relative to this file';

  const resolved = target === '' ? from : path.resolve(path.dirname(from), target);
  const inside = path.relative(root, resolved);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return 'outside the project';
  if (!fs.existsSync(resolved) || !fs.statSync(resolved).isFile()) return 'no such file in the project';
  if (anchor === undefined) return undefined;
  if (!resolved.endsWith('.md')) return 'an anchor into a file that is not Markdown';
  const text = resolved === from ? source : fs.readFileSync(resolved, 'utf8');
  return headingAnchors(text).has(anchor) ? undefined : `no heading with the anchor #${anchor} in ${path.relative(root, resolved)}`;
}
