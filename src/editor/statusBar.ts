import * as vscode from 'vscode';
import type { BudgetState } from '../core/cost/budget';
import { escapeMarkdown } from '../core/format/markdown';
import { formatTokens, formatUsd } from '../core/format/spend';
import type { ModelTable, RoutingTable } from '../core/models/modelTable';
import { sessionSummaryMarkdown } from '../core/spend/sessionSummary';
import type { SessionSpend } from '../core/spend/sessionSpend';

export interface StatusBarSources {
  /** Where spending stands against the budget caps. */
  readonly budgetLevel: () => Promise<BudgetState>;
  readonly models: () => ModelTable;
  /** The routes in force: the tooltip names those the workspace chose. */
  readonly routes: () => RoutingTable;
  /** Why the usage ledger is not being written, while it is not (the item then shows a warning). */
  readonly ledgerProblem?: () => string | undefined;
  readonly onDidChangeLedger?: (listener: () => void) => vscode.Disposable;
  /** Tooltip lines (Markdown) about endpoints that are not the providers' own, and when their trust changes. */
  readonly endpointLines?: () => readonly string[];
  readonly onDidChangeEndpoints?: (listener: () => void) => vscode.Disposable;
  /** Tooltip lines (Markdown) about where the keys come from when it is worth saying (a demo key); read at refresh. */
  readonly keyLines?: () => Promise<readonly string[]>;
  /** Tooltip lines (Markdown) about a routing trial while one runs, and when it starts or ends. */
  readonly trialLines?: () => readonly string[];
  readonly onDidChangeTrial?: (listener: () => void) => vscode.Disposable;
}

const BUDGET_COLOURS: Readonly<Record<BudgetState, vscode.ThemeColor | undefined>> = {
  ok: undefined,
  near: new vscode.ThemeColor('statusBarItem.warningBackground'),
  over: new vscode.ThemeColor('statusBarItem.errorBackground'),
};

const BUDGET_WORDS: Readonly<Record<BudgetState, string>> = { ok: '', near: ', near the budget', over: ', over budget' };

/** The status bar item that shows what this session has spent, live; click opens the report. */
export class SpendStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[];
  private budget: BudgetState = 'ok';
  private keyLines: readonly string[] = [];
  private renders = 0;

  constructor(private readonly session: SessionSpend, private readonly sources: StatusBarSources) {
    this.item = vscode.window.createStatusBarItem('tandem.spend', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Tandem Spend';
    this.item.command = { command: 'tandem.showUsage', title: 'Show Usage and Cost' };
    // The tooltip reads the model settings and endpoints (5–40 ms the first time, measured): it comes with the
    // first refresh, which the contribution runs after activation.
    this.renderText();
    this.subscriptions = [
      session.onDidChange(() => this.refresh()),
      session.onDidChangeBusy(() => this.renderText()),
      ...(sources.onDidChangeLedger ? [sources.onDidChangeLedger(() => this.render())] : []),
      ...(sources.onDidChangeEndpoints ? [sources.onDidChangeEndpoints(() => this.render())] : []),
      ...(sources.onDidChangeTrial ? [sources.onDidChangeTrial(() => this.render())] : []),
    ];
    this.item.show();
  }

  /** Re-reads the budget state (it needs the ledger) and renders. */
  async refresh(): Promise<void> {
    const ticket = ++this.renders;
    this.render();
    const [level, keyLines] = await Promise.all([
      this.sources.budgetLevel().catch(() => 'ok' as const),
      this.sources.keyLines?.().catch(() => []) ?? [],
    ]);
    if (ticket !== this.renders) return; // a newer refresh is on its way
    this.budget = level;
    this.keyLines = keyLines;
    this.render();
  }

  private render(): void {
    this.renderText();
    this.renderTooltip();
  }

  private renderText(): void {
    const totals = this.session.totals;
    const usd = formatUsd(totals.costMicroUsd);
    const spend = totals.tokens > 0 ? `${usd} · ${formatTokens(totals.tokens)} tok` : usd;
    const ledgerProblem = this.sources.ledgerProblem?.();
    this.item.text = `${ledgerProblem ? '$(warning) ' : ''}${this.session.busy ? '$(sync~spin) ' : ''}${spend}`;
    this.item.backgroundColor = BUDGET_COLOURS[this.budget];
    const calls = totals.calls === 1 ? '1 model call' : `${totals.calls} model calls`;
    const ledgerWords = ledgerProblem ? ', the usage ledger is not being written' : '';
    this.item.accessibilityInformation = { label: `Tandem session spend ${usd}, ${calls}${BUDGET_WORDS[this.budget]}${ledgerWords}` };
  }

  private renderTooltip(): void {
    const ledgerProblem = this.sources.ledgerProblem?.();
    const summary = sessionSummaryMarkdown(this.session.records, this.sources.models(), this.sources.routes(), [...this.keyLines, ...(this.sources.trialLines?.() ?? []), ...(this.sources.endpointLines?.() ?? [])]);
    const tooltip = new vscode.MarkdownString(ledgerProblem ? `$(warning) ${escapeMarkdown(ledgerProblem)}\n\n---\n\n${summary}` : summary);
    tooltip.supportThemeIcons = true;
    this.item.tooltip = tooltip;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
