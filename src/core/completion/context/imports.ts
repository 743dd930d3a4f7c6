import { blankCode } from './blank';
import { isJsFamily } from './language';

/*
 * Which files a file imports, by regex over its text with comments blanked: not a parser, but right for the
 * import forms people write. The editor layer checks which candidates exist and reads their outlines.
 */

// `import … from 'm'`, `import 'm'`, `export … from 'm'` (the clause may span lines); `require('m')`, `import('m')` with
// a literal argument only (`import('./x/' + name)` names no one file).
const JS_IMPORT =
  /(?<![\w$.])(?:(?:import|export)\b\s*(?:[\w$*{}\s,]*[\s}*]from\s*)?(['"])([^'"\n]+)\1|(?:require|import)\s*\(\s*(['"])([^'"\n]+)\3\s*\))/g;
// `import a.b, c as d` or `from .x import y` / `from . import (a, b)`, at the start of a line.
const PY_IMPORT = /^[ \t]*(?:import[ \t]+([^\n;]+)|from[ \t]+(\.+[\w.]*|[\w.]+)[ \t]+import[ \t]*(\([^)]*\)|[^\n;]*))/gm;

/** The module specifiers a file imports, in order of appearance, without repeats. */
export function importSpecifiers(text: string, languageId: string): string[] {
  const found = new Set<string>();
  if (isJsFamily(languageId)) {
    for (const m of blankCode(text, languageId, { strings: false }).matchAll(JS_IMPORT)) found.add(m[2] ?? m[4]);
  } else if (languageId === 'python') {
    // Strings are blanked too: Python imports never hold one, and a docstring may show example imports.
    for (const m of blankCode(text, languageId, { strings: true }).matchAll(PY_IMPORT)) {
      if (m[1] !== undefined) for (const part of m[1].split(',')) addName(found, '', part);
      else if (/^\.+$/.test(m[2])) for (const part of m[3].replace(/[()]/g, '').split(',')) addName(found, m[2], part); // `from . import mod`: each name may be a module
      else found.add(m[2]);
    }
  }
  return [...found];
}

function addName(found: Set<string>, dots: string, part: string): void {
  const name = /^\s*([\w.]+)/.exec(part)?.[1];
  if (name !== undefined && name !== '*') found.add(dots + name);
}

const JS_EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs'];
const JS_INDEXES = ['/index.ts', '/index.tsx', '/index.js'];
/** TypeScript ESM imports name the emitted file: `./a.js` is `./a.ts` in the source tree. */
const EMITTED_TO_SOURCE: Readonly<Record<string, readonly string[]>> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
const KNOWN_EXTENSION = /\.(?:[mc]?[jt]sx?|json|d\.ts)$/;

/**
 * Common Python modules that are never workspace files: naming them saves the editor layer look-ups. Any
 * other absolute import may be a workspace module, and its candidates are checked for existence.
 */
const PY_EXTERNAL = new Set(
  ('__future__ abc argparse asyncio base64 collections contextlib copy csv dataclasses datetime enum functools glob hashlib heapq http ' +
    'importlib inspect io itertools json logging math multiprocessing os pathlib pickle random re shutil socket sqlite3 string ' +
    'subprocess sys tempfile threading time traceback typing unittest urllib uuid warnings ' +
    'numpy pandas scipy requests django flask fastapi pydantic pytest torch tensorflow sklearn matplotlib').split(' '),
);

/**
 * Workspace-relative paths the specifier may name, most likely first; [] for packages outside the
 * workspace (`react`, `node:fs`, `numpy`) and for anything above the workspace root.
 */
export function importCandidates(specifier: string, fromPath: string, languageId: string): string[] {
  if (isJsFamily(languageId)) return jsCandidates(specifier, fromPath, languageId);
  if (languageId === 'python') return pythonCandidates(specifier, fromPath);
  return [];
}

function jsCandidates(specifier: string, fromPath: string, languageId: string): string[] {
  if (!/^\.\.?(?:\/|$)/.test(specifier)) return []; // bare packages; path aliases need tsconfig, which a pure function cannot read
  const target = joinPath(folderOf(fromPath), specifier);
  if (target === undefined) return [];
  if (target === '' || specifier.endsWith('/') || /(?:^|\/)\.\.?$/.test(specifier)) return JS_INDEXES.map((index) => (target + index).replace(/^\//, ''));
  const extension = KNOWN_EXTENSION.exec(target)?.[0];
  if (extension === undefined) return [...JS_EXTENSIONS.map((e) => target + e), ...JS_INDEXES.map((e) => target + e)];
  const sources = (EMITTED_TO_SOURCE[extension] ?? []).map((e) => target.slice(0, -extension.length) + e);
  // From TypeScript the source file is the likely one (an emitted .js may sit beside it); from JavaScript, the file named.
  return languageId.startsWith('typescript') ? [...sources, target] : [target, ...sources];
}

function pythonCandidates(specifier: string, fromPath: string): string[] {
  const dots = /^\.*/.exec(specifier)?.[0].length ?? 0;
  const modulePath = specifier.slice(dots).replace(/\./g, '/');
  if (dots === 0) {
    if (PY_EXTERNAL.has(specifier.split('.')[0])) return [];
    const folder = folderOf(fromPath);
    const roots = folder === '' ? [''] : ['', folder];
    return roots.flatMap((root) => pythonModule(root, modulePath));
  }
  // One dot is the importing file's package (its folder), each further dot one folder up.
  const base = joinPath(folderOf(fromPath), '../'.repeat(dots - 1) || '.');
  if (base === undefined) return [];
  return modulePath === '' ? [prefixed(base, '__init__.py')] : pythonModule(base, modulePath);
}

function pythonModule(root: string, modulePath: string): string[] {
  return [prefixed(root, modulePath + '.py'), prefixed(root, modulePath + '/__init__.py')];
}

function prefixed(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** `relative` resolved against `folder`, `.` and `..` folded away; undefined if it climbs above the root. */
function joinPath(folder: string, relative: string): string | undefined {
  const parts: string[] = [];
  for (const part of `${folder}/${relative}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.pop() === undefined) return undefined;
  }
  return parts.join('/');
}
