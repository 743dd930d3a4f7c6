import * as vscode from 'vscode';
import type { SessionSpend, SpendTotals } from '../core/spend/sessionSpend';
import { formatTokens, formatUsd } from '../core/format/spend';

/** The status bar item that shows what this session has spent, live. */
export class SpendStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly subscription: vscode.Disposable;

  constructor(spend: SessionSpend) {
    this.item = vscode.window.createStatusBarItem('tandem.spend', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Tandem Spend';
    this.render(spend.totals);
    this.subscription = spend.onDidChange((totals) => this.render(totals));
    this.item.show();
  }

  private render(totals: SpendTotals): void {
    const usd = formatUsd(totals.costMicroUsd);
    this.item.text = totals.tokens > 0 ? `${usd} · ${formatTokens(totals.tokens)} tok` : usd;
    const calls = totals.calls === 1 ? '1 model call' : `${totals.calls} model calls`;
    const tooltip = new vscode.MarkdownString(
      totals.calls === 0
        ? `**Tandem** — this session: ${usd}, no model calls yet.`
        : `**Tandem** — this session: ${usd} for ${totals.tokens.toLocaleString('en-US')} tokens in ${calls}.`,
    );
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `Tandem session spend ${usd}, ${calls}` };
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
