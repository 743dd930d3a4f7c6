import { vscodeApi } from '../vscodeApi.mjs';
import type { FromExplanationPage, ToExplanationPage } from './protocol.js';
import { explanationHtml } from './safeMarkdown.js';

/** What is on screen; kept across the panel being hidden and shown (the page itself is rebuilt). */
type Shown = Omit<ToExplanationPage, 'type'>;

const vscode = vscodeApi<Shown, FromExplanationPage>();
const article = document.getElementById('explanation');

function show(shown: Shown): void {
  if (!article) return;
  // explanationHtml escapes raw HTML and writes no src or href (safeMarkdown.mts), so it may go in as HTML.
  article.innerHTML = explanationHtml(shown.markdown);
  article.setAttribute('aria-busy', String(shown.streaming));
}

function isExplanation(data: unknown): data is ToExplanationPage {
  const m = data as Partial<ToExplanationPage> | null;
  return typeof m === 'object' && m !== null && m.type === 'explanation' && typeof m.markdown === 'string' && typeof m.streaming === 'boolean';
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isExplanation(event.data)) return;
  const shown: Shown = { markdown: event.data.markdown, streaming: event.data.streaming };
  show(shown);
  vscode.setState(shown);
});

const saved = vscode.getState();
if (saved) show(saved);
vscode.postMessage({ type: 'ready' });
