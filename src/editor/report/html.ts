import { localDay, type Period } from '../../core/ledger/query';
import { webviewPageHtml, type WebviewPageParts } from '../webviewHtml';

/**
 * The report page, under the strict CSP of every Tandem page (webviewPageHtml). Chart.js sizes its canvases
 * through CSSOM (`canvas.style.width = …`), which CSP does not govern, and never writes a style attribute or
 * a <style> element, so it needs no 'unsafe-inline'.
 */
export function reportHtml(parts: WebviewPageParts): string {
  return webviewPageHtml({
    ...parts,
    title: 'Tandem: Usage and Cost',
    body: '<main id="app" aria-busy="true"><p class="subtitle">Loading usage…</p></main>',
  });
}

/** `tandem-usage-30d-2026-11-24.csv`: what was exported, and when (local date). */
export function exportFileName(period: Period, format: 'csv' | 'json', now: Date): string {
  return `tandem-usage-${period}-${localDay(now)}.${format}`;
}
