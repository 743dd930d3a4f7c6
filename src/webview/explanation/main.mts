import { vscodeApi } from '../vscodeApi.mjs';
import { isToExplanationPage, type FromExplanationPage, type Rating, type ToExplanationPage } from './protocol.js';
import { explanationHtml } from './safeMarkdown.js';

/** What is on screen; kept across the panel being hidden and shown (the page itself is rebuilt). */
type Shown = Omit<ToExplanationPage, 'type'>;

const vscode = vscodeApi<Shown, FromExplanationPage>();
const article = document.getElementById('explanation');
const rating = document.getElementById('rating');
const buttons = [...document.querySelectorAll<HTMLButtonElement>('button[data-rating]')];
const thanks = document.getElementById('rating-thanks');

function show(shown: Shown): void {
  if (article) {
    // explanationHtml escapes raw HTML and writes no src or href (safeMarkdown.mts), so it may go in as HTML.
    article.innerHTML = explanationHtml(shown.markdown);
    article.setAttribute('aria-busy', String(shown.streaming));
  }
  if (rating) rating.hidden = !shown.ratable;
  for (const button of buttons) button.setAttribute('aria-pressed', String(button.dataset.rating === shown.rating));
  if (thanks) thanks.textContent = shown.rating ? 'Thanks, noted.' : '';
}

// A vote goes to the extension, which records it and sends the explanation back with the vote pressed.
for (const button of buttons) {
  button.addEventListener('click', () => {
    const vote = button.dataset.rating;
    if (vote === 'up' || vote === 'down') vscode.postMessage({ type: 'rate', rating: vote satisfies Rating });
  });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isToExplanationPage(event.data)) return;
  const { markdown, streaming, ratable, rating: vote } = event.data;
  const shown: Shown = { markdown, streaming, ratable, ...(vote ? { rating: vote } : {}) };
  show(shown);
  vscode.setState(shown);
});

const saved = vscode.getState();
if (saved) show(saved);
vscode.postMessage({ type: 'ready' });
