import * as fs from 'node:fs';
import { Module } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as zlib from 'node:zlib';
import type { ExactTokenizer } from '../../core/tokens/tokenCounter';

/**
 * The exact o200k tokenizer from the extension's dist/tokenizer/o200k.js.br: esbuild.js ships the bundle
 * brotli-compressed (its ranks are most of the .vsix otherwise), so it is decompressed and run here as the
 * CommonJS module it is. Only when an input nears GPT-5.4 Mini's limit; ~30 ms.
 */
export function loadExactTokenizer(extensionPath: string): ExactTokenizer {
  const filename = path.join(extensionPath, 'dist', 'tokenizer', 'o200k.js');
  const code = zlib.brotliDecompressSync(fs.readFileSync(`${filename}.br`)).toString('utf8');
  const module = { exports: {} as unknown };
  const run = vm.runInThisContext(Module.wrap(code), { filename }) as (...args: unknown[]) => void;
  run(module.exports, require, module, filename, path.dirname(filename));
  return module.exports as ExactTokenizer;
}
