import assert from 'node:assert/strict';
import { exportFileName, reportHtml } from '../../../../src/editor/report/html';

describe('report page', () => {
  const parts = {
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'bm9uY2Utb25lLTEyMw==',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/report.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/report.css',
  };

  it('allows only its own stylesheet and the one script carrying the nonce', () => {
    const html = reportHtml(parts);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    assert.deepEqual(directives, {
      'default-src': ["'none'"],
      'style-src': [parts.cspSource],
      'script-src': [`'nonce-${parts.nonce}'`],
    });
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|https?:\/\/(?!file\+\.vscode-resource)/);
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    assert.deepEqual(scripts, [` nonce="${parts.nonce}" src="${parts.scriptUri}"`]);
    assert.doesNotMatch(html, /<style|style="/, 'no inline styles: the CSP would refuse them');
  });

  it('escapes what it puts in attributes', () => {
    const html = reportHtml({ ...parts, scriptUri: 'x" onload="alert(1)' });
    assert.ok(html.includes('src="x&quot; onload=&quot;alert(1)"'));
  });

  it('names an export after its period and the local date', () => {
    assert.equal(exportFileName('7d', 'csv', new Date(2026, 10, 4, 23, 30)), 'tandem-usage-7d-2026-11-04.csv');
    assert.equal(exportFileName('all', 'json', new Date(2026, 0, 1, 0, 5)), 'tandem-usage-all-2026-01-01.json');
  });
});
