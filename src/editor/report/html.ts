import { localDay, type Period } from '../../core/ledger/query';

/** What the report page needs from the webview: its resource origin, a nonce and the two asset URIs. */
export interface ReportHtmlParts {
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

/**
 * The report page. The CSP allows only this extension's stylesheet (through the webview's resource origin)
 * and the one script carrying this render's nonce: no inline script or style, no images, fonts or anything remote.
 * Chart.js sizes its canvases through CSSOM (`canvas.style.width = …`), which CSP does not govern, and never
 * writes a style attribute or a <style> element, so it needs no 'unsafe-inline'.
 */
export function reportHtml(parts: ReportHtmlParts): string {
  const csp = [
    "default-src 'none'",
    `style-src ${parts.cspSource}`,
    `script-src 'nonce-${parts.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(parts.styleUri)}">
<title>Tandem: Usage and Cost</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="subtitle">Loading usage…</p></main>
<script nonce="${escapeAttr(parts.nonce)}" src="${escapeAttr(parts.scriptUri)}"></script>
</body>
</html>
`;
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `tandem-usage-30d-2026-11-24.csv`: what was exported, and when (local date). */
export function exportFileName(period: Period, format: 'csv' | 'json', now: Date): string {
  return `tandem-usage-${period}-${localDay(now)}.${format}`;
}
