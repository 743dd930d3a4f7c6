import { blankCode } from './blank';
import { bracketDelta, cutBody } from './outlineText';

type Kind = 'body' | 'class' | 'cut';

/** Declarations whose braces hold more declarations, kept whole: interfaces, enums, type literals, export lists. */
const BODY_DECLARATION =
  /^\s*(?:export\s+)?(?:declare\s+)?(?:interface\b|(?:const\s+)?enum\b|type\s+[\w$]+)|^\s*export\s*(?:type\s*)?[{*]|^\s*module\.exports\s*=\s*\{/;
const CLASS_DECLARATION = /^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?class\b/;
/** Everything else exported, functions, CommonJS exports, and consts that hold a function. */
const CUT_DECLARATION =
  /^\s*(?:export\b|(?:module\.)?exports\b|(?:declare\s+)?(?:async\s+)?function\b|(?:const|let|var)\s+[\w$]+[^=]*=\s*(?:async\b\s*)?(?:function\b|\(|[\w$]+\s*=>))/;
/** A class member: methods, accessors, the constructor, properties, index signatures. `private` is no modifier here, so private members fail to match. */
const MEMBER =
  /^\s*(?:(?:public|protected|static|readonly|abstract|override|async|declare|accessor|get|set)\s+)*\*?\s*(?:[A-Za-z_$][\w$]*|\[[^\]]*\])\s*[?!]?\s*(?:<[^>]*>\s*)?[(:=;]/;

/**
 * The outline of a JavaScript or TypeScript file: top-level declarations and the members of top-level
 * classes, bodies cut to ` { … }`, interface/enum/type bodies kept; at most `limit` lines.
 */
export function jsOutline(text: string, languageId: string, limit: number): string[] {
  const code = blankCode(text, languageId, { strings: true }).split('\n');
  const shown = blankCode(text, languageId, { strings: false }).split('\n');
  const out: string[] = [];
  let depth = 0;
  let classDepth: number | undefined; // brace depth of the class body being outlined
  let keptBodyDepth: number | undefined; // inside an interface-like body: every line is kept until depth falls back to this
  for (let i = 0; i < code.length && out.length < limit; i++) {
    const kind = keptBodyDepth === undefined ? declarationKind(code[i], depth, classDepth) : undefined;
    if (kind === undefined) {
      if (keptBodyDepth !== undefined && shown[i].trim() !== '') out.push(shown[i].trimEnd());
      depth += bracketDelta(code[i], '{', '}');
      if (keptBodyDepth !== undefined && depth <= keptBodyDepth) keptBodyDepth = undefined;
    } else {
      const end = headerEnd(code, i, kind);
      const header = code.slice(i, end + 1);
      out.push(...shown.slice(i, end).map((line) => line.trimEnd()));
      out.push(kind === 'cut' ? cutBody(header, shown.slice(i, end + 1)) : shown[end].trimEnd());
      const after = depth + header.reduce((sum, line) => sum + bracketDelta(line, '{', '}'), 0);
      if (after > depth && kind === 'body') keptBodyDepth = depth;
      if (after > depth && kind === 'class') classDepth = after;
      depth = after;
      i = end;
    }
    if (classDepth !== undefined && depth < classDepth) {
      out.push(shown[i].trimEnd()); // the class's closing brace
      classDepth = undefined;
    }
  }
  return out.slice(0, limit);
}

function declarationKind(code: string, depth: number, classDepth: number | undefined): Kind | undefined {
  if (depth === classDepth) return MEMBER.test(code) ? 'cut' : undefined;
  if (depth !== 0) return undefined;
  if (BODY_DECLARATION.test(code)) return 'body';
  if (CLASS_DECLARATION.test(code)) return 'class';
  return CUT_DECLARATION.test(code) ? 'cut' : undefined;
}

/** A longer "header" is a call spread over lines (`export const x = make({ … })`), not a signature. */
const MAX_HEADER_LINES = 10;

/** The last line of a declaration's header: parameter lists spanning lines, and a type alias's `| …` lines. */
function headerEnd(code: readonly string[], start: number, kind: Kind): number {
  let end = start;
  let parens = bracketDelta(code[start], '(', ')');
  while (parens > 0 && end + 1 < code.length) parens += bracketDelta(code[++end], '(', ')');
  if (end - start >= MAX_HEADER_LINES) return start;
  if (kind === 'body') while (end + 1 < code.length && /^\s*[|&]/.test(code[end + 1])) end++;
  return end;
}
