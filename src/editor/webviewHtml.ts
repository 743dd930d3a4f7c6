import { randomBytes } from 'node:crypto';

/** What a Tandem webview page needs from its webview: its resource origin, a nonce and its two asset URIs. */
export interface WebviewPageParts {
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

/** A fresh nonce per render: a page never reuses one an earlier page (or a log) exposed. */
export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * A Tandem webview page. The CSP allows only this extension's stylesheet (through the webview's resource
 * origin) and the one script carrying this render's nonce: no inline script or style, no images, fonts,
 * connections or anything remote. `body` is HTML the caller wrote, not content from elsewhere.
 */
export function webviewPageHtml(parts: WebviewPageParts & { readonly title: string; readonly body: string }): string {
  const csp = [
    "default-src 'none'",
    `style-src ${parts.cspSource}`,
    `script-src 'nonce-${parts.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(parts.styleUri)}">
<title>${escapeHtml(parts.title)}</title>
</head>
<body>
${parts.body}
<script nonce="${escapeHtml(parts.nonce)}" src="${escapeHtml(parts.scriptUri)}"></script>
</body>
</html>
`;
}

/** Text for an HTML attribute or element. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
