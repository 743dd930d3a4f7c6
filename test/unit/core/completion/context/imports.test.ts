import assert from 'node:assert/strict';
import { importCandidates, importSpecifiers } from '../../../../../src/core/completion/context/imports';

describe('completion context: importSpecifiers', () => {
  it('finds every TypeScript import form in order of appearance', () => {
    const text = [
      "import React from 'react';",
      'import { useState, useEffect } from "react";',
      "import type { User } from './models/user';",
      "import * as path from 'node:path';",
      "import def, { named } from '../shared/both';",
      "import './styles.css';",
      "export * from './reexported';",
      "export * as ns from './namespaced';",
      "export { a, b as c } from './named-exports';",
      "export type { Props } from './props';",
      "import fs = require('fs');",
      'const lazy = () => import("./lazy/page");',
      "const { join } = require('./cjs/helpers');",
    ].join('\n');
    assert.deepEqual(importSpecifiers(text, 'typescript'), [
      'react',
      './models/user',
      'node:path',
      '../shared/both',
      './styles.css',
      './reexported',
      './namespaced',
      './named-exports',
      './props',
      'fs',
      './lazy/page',
      './cjs/helpers',
    ]);
  });

  it('reads named imports spread over several lines', () => {
    const text = ['import {', '  alpha,', '  beta as b,', '  type Gamma,', "} from './greek';", "import type {", '  Delta,', "} from '../letters/delta.js';"].join('\n');
    assert.deepEqual(importSpecifiers(text, 'typescriptreact'), ['./greek', '../letters/delta.js']);
  });

  it('ignores imports in line and block comments', () => {
    const text = [
      "// import old from './old';",
      "/* import gone from './gone';",
      "   require('./also-gone') */",
      "import kept from './kept'; // import trailing from './trailing';",
      "const url = 'http://example.com'; import after from './after-url';",
    ].join('\n');
    assert.deepEqual(importSpecifiers(text, 'javascript'), ['./kept', './after-url']);
  });

  it('reads CommonJS and dynamic imports with a literal argument, without repeats', () => {
    const text = [
      "const express = require('express');",
      "const router = require( './routes/index' );",
      "const again = require('express');",
      "async function load() { const m = await import('./plugins/' + name); return import('./fixed'); }",
      "module.require('./not-a-call-to-require');",
    ].join('\n');
    assert.deepEqual(importSpecifiers(text, 'javascript'), ['express', './routes/index', './fixed']);
  });

  it('does not mistake other uses of the words for imports', () => {
    const text = ["export const important = 'x';", "const importer = load('y');", "export default 'z';", "import.meta.url;"].join('\n');
    assert.deepEqual(importSpecifiers(text, 'typescript'), []);
  });

  it('reads minified imports with no spaces', () => {
    assert.deepEqual(importSpecifiers("import{a}from'./a';export*from\"./b\";", 'javascript'), ['./a', './b']);
  });

  it('finds every Python import form', () => {
    const text = [
      'import os',
      'import numpy as np, pandas',
      'import app.services.billing as billing',
      'from typing import Optional',
      'from .models import User',
      'from ..pkg.mod import (',
      '    first,',
      '    second,',
      ')',
      'from . import utils, helpers as h',
      'from .. import (config)',
      'def f():',
      '    import json  # a local import counts too',
    ].join('\n');
    assert.deepEqual(importSpecifiers(text, 'python'), [
      'os',
      'numpy',
      'pandas',
      'app.services.billing',
      'typing',
      '.models',
      '..pkg.mod',
      '.utils',
      '.helpers',
      '..config',
      'json',
    ]);
  });

  it('ignores Python imports in comments and strings', () => {
    const text = ['# import secret', '"""Usage:', 'import example_in_docstring', '"""', "s = 'import quoted'", 'import real'].join('\n');
    assert.deepEqual(importSpecifiers(text, 'python'), ['real']);
  });

  it('returns nothing for a language it does not know', () => {
    assert.deepEqual(importSpecifiers('import "fmt"\n#include <stdio.h>', 'go'), []);
  });
});

describe('completion context: importCandidates', () => {
  it('resolves a relative TypeScript specifier with no extension', () => {
    assert.deepEqual(importCandidates('./util', 'src/app/main.ts', 'typescript'), [
      'src/app/util.ts',
      'src/app/util.tsx',
      'src/app/util.d.ts',
      'src/app/util.js',
      'src/app/util.jsx',
      'src/app/util.mjs',
      'src/app/util.cjs',
      'src/app/util/index.ts',
      'src/app/util/index.tsx',
      'src/app/util/index.js',
    ]);
  });

  it('normalises .. and . segments', () => {
    assert.deepEqual(importCandidates('../../lib/./x/../fmt', 'src/app/deep/main.ts', 'typescript').slice(0, 2), ['src/lib/fmt.ts', 'src/lib/fmt.tsx']);
    assert.deepEqual(importCandidates('./b', 'a.ts', 'typescript')[0], 'b.ts');
  });

  it('maps an emitted .js name to its TypeScript source, the source first from TypeScript', () => {
    assert.deepEqual(importCandidates('./models/user.js', 'src/index.ts', 'typescript'), ['src/models/user.ts', 'src/models/user.tsx', 'src/models/user.js']);
    assert.deepEqual(importCandidates('./view.jsx', 'src/index.tsx', 'typescriptreact'), ['src/view.tsx', 'src/view.jsx']);
    assert.deepEqual(importCandidates('./esm.mjs', 'src/index.ts', 'typescript'), ['src/esm.mts', 'src/esm.mjs']);
  });

  it('keeps the named file first from JavaScript', () => {
    assert.deepEqual(importCandidates('./lib.js', 'src/index.js', 'javascript'), ['src/lib.js', 'src/lib.ts', 'src/lib.tsx']);
    assert.deepEqual(importCandidates('./data.json', 'src/index.js', 'javascript'), ['src/data.json']);
  });

  it('treats a dotted name that is not a code extension as having none', () => {
    assert.equal(importCandidates('./user.service', 'src/app.ts', 'typescript')[0], 'src/user.service.ts');
  });

  it('resolves a folder import to its index files', () => {
    assert.deepEqual(importCandidates('..', 'src/app/main.ts', 'typescript'), ['src/index.ts', 'src/index.tsx', 'src/index.js']);
    assert.deepEqual(importCandidates('./components/', 'src/main.ts', 'typescript'), ['src/components/index.ts', 'src/components/index.tsx', 'src/components/index.js']);
    assert.deepEqual(importCandidates('.', 'main.js', 'javascript'), ['index.ts', 'index.tsx', 'index.js']);
  });

  it('returns nothing for bare packages, path aliases and paths above the workspace', () => {
    assert.deepEqual(importCandidates('react', 'src/a.ts', 'typescript'), []);
    assert.deepEqual(importCandidates('node:fs', 'src/a.ts', 'typescript'), []);
    assert.deepEqual(importCandidates('@scope/pkg/sub', 'src/a.ts', 'typescript'), []);
    assert.deepEqual(importCandidates('@/components/Button', 'src/a.ts', 'typescript'), []);
    assert.deepEqual(importCandidates('../../outside', 'src/a.ts', 'typescript'), []);
  });

  it('resolves Python relative imports against the package folder', () => {
    assert.deepEqual(importCandidates('.models', 'app/api/views.py', 'python'), ['app/api/models.py', 'app/api/models/__init__.py']);
    assert.deepEqual(importCandidates('..pkg.mod', 'app/api/views.py', 'python'), ['app/pkg/mod.py', 'app/pkg/mod/__init__.py']);
    assert.deepEqual(importCandidates('.', 'app/api/views.py', 'python'), ['app/api/__init__.py']);
    assert.deepEqual(importCandidates('..', 'app/api/views.py', 'python'), ['app/__init__.py']);
    assert.deepEqual(importCandidates('...x', 'app/views.py', 'python'), []);
  });

  it('resolves Python absolute imports from the root and from the importing folder', () => {
    assert.deepEqual(importCandidates('app.services.billing', 'app/api/views.py', 'python'), [
      'app/services/billing.py',
      'app/services/billing/__init__.py',
      'app/api/app/services/billing.py',
      'app/api/app/services/billing/__init__.py',
    ]);
    assert.deepEqual(importCandidates('utils', 'main.py', 'python'), ['utils.py', 'utils/__init__.py']);
  });

  it('returns nothing for well-known Python packages', () => {
    assert.deepEqual(importCandidates('numpy', 'main.py', 'python'), []);
    assert.deepEqual(importCandidates('os.path', 'main.py', 'python'), []);
    assert.deepEqual(importCandidates('__future__', 'main.py', 'python'), []);
  });

  it('returns nothing for other languages', () => {
    assert.deepEqual(importCandidates('./x', 'main.go', 'go'), []);
  });
});
