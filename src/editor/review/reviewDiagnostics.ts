import * as vscode from 'vscode';
import { FindingSettlements, isFindingFix, type FindingEnd, type FindingSignal } from '../../core/quality/findingSettlement';
import type { Finding, FindingSeverity } from '../../core/review/findings';

const SEVERITY: Readonly<Record<FindingSeverity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** A finding as it stands in its document now: its lines move as the code around them is edited. */
interface Entry {
  readonly finding: Finding;
  /** 0-based document lines the finding covers now. */
  readonly startLine: number;
  readonly endLine: number;
}

/** Where a rule is written, so a diagnostic's code can link to it. */
export type RuleLocator = (ruleId: string) => vscode.Uri | undefined;

/** Records a finding's settlement in the quality log. */
export type FindingSettled = (signal: FindingSignal) => void;

/**
 * Review findings as diagnostics (source `Tandem`, code = rule id). A new review of a range replaces the
 * findings in it; an edit moves the findings below it and clears those it touches (the code they were
 * about has changed). Each diagnostic remembers its finding, so a quick fix can apply the replacement.
 *
 * Each finding from an interactive review ends once, as a quality signal: its quick fix written over its lines
 * (fixed), dismissed, its lines edited by the user (edited), or replaced by a new review or cleared (left).
 */
export class ReviewDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('tandem');
  private readonly entries = new Map<string, Entry[]>();
  private readonly findingOf = new WeakMap<vscode.Diagnostic, Entry>();
  private readonly subscriptions: vscode.Disposable[];
  private readonly settlements = new FindingSettlements();

  constructor(private readonly locateRule: RuleLocator, private readonly settled: FindingSettled = () => undefined) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => this.follow(e)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        // Untitled documents are gone for good when closed; files keep their findings in the Problems panel.
        if (d.isUntitled) this.clear(d.uri);
      }),
    ];
  }

  /** Replaces the findings within document lines [firstLine, lastLine] (1-based, inclusive). */
  replace(document: vscode.TextDocument, firstLine: number, lastLine: number, findings: readonly Finding[]): void {
    const key = document.uri.toString();
    const outside = (e: Entry): boolean => e.endLine < firstLine - 1 || e.startLine > lastLine - 1;
    const before = this.entries.get(key) ?? [];
    before.filter((e) => !outside(e)).forEach((e) => this.settle(e, 'left'));
    const kept = before.filter(outside);
    const added = findings.map((finding) => ({ finding, startLine: finding.startLine - 1, endLine: finding.endLine - 1 }));
    this.publish(document, [...kept, ...added].sort((a, b) => a.startLine - b.startLine));
  }

  /** The finding behind a diagnostic this collection published, as its lines stand now. */
  entryOf(diagnostic: vscode.Diagnostic): { readonly finding: Finding; readonly startLine: number; readonly endLine: number } | undefined {
    return this.findingOf.get(diagnostic);
  }

  /** Drops one finding the user dismissed. */
  dismiss(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): void {
    const entry = this.findingOf.get(diagnostic);
    if (entry) this.settle(entry, 'dismissed');
    const key = document.uri.toString();
    this.publish(document, (this.entries.get(key) ?? []).filter((e) => e !== entry));
  }

  diagnostics(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }

  clear(uri: vscode.Uri): void {
    (this.entries.get(uri.toString()) ?? []).forEach((e) => this.settle(e, 'left'));
    this.entries.delete(uri.toString());
    this.collection.delete(uri);
  }

  private follow(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const entries = this.entries.get(key);
    if (!entries?.length || event.contentChanges.length === 0) return;
    // Later changes first: each one's line numbers are then still those of the text before the event.
    const changes = [...event.contentChanges].sort((a, b) => b.range.start.compareTo(a.range.start));
    // A touched finding is cleared; the lines its changes added or removed tell, once all are in, whether
    // they were its fix (which the editor may report as several smaller edits).
    let followed: { entry: Entry; touchedDelta?: number }[] = entries.map((entry) => ({ entry }));
    for (const change of changes) {
      const { start, end } = change.range;
      const delta = lineCount(change.text) - (end.line - start.line);
      // Whole lines inserted at the start of a line push that line down rather than change it.
      const pushesDown = change.range.isEmpty && start.character === 0 && change.text.endsWith('\n');
      followed = followed.map(({ entry: e, touchedDelta }) => {
        if (e.endLine < start.line) return { entry: e, touchedDelta };
        if (e.startLine > end.line || (pushesDown && e.startLine >= start.line)) {
          return { entry: { ...e, startLine: e.startLine + delta, endLine: e.endLine + delta }, touchedDelta };
        }
        return { entry: e, touchedDelta: (touchedDelta ?? 0) + delta };
      });
    }
    const { document } = event;
    const lineAfter = (line: number): string | undefined => (line < document.lineCount ? document.lineAt(line).text : undefined);
    for (const { entry, touchedDelta } of followed) {
      // Its fix standing in its place is the quick fix (or the user typing it in); any other change is an edit.
      if (touchedDelta !== undefined) this.settle(entry, isFindingFix({ ...entry, replacement: entry.finding.replacement }, touchedDelta, lineAfter) ? 'fixed' : 'edited');
    }
    this.publish(document, followed.filter((f) => f.touchedDelta === undefined).map((f) => f.entry));
  }

  private publish(document: vscode.TextDocument, entries: Entry[]): void {
    const key = document.uri.toString();
    this.entries.set(key, entries);
    const diagnostics = entries.flatMap((entry) => {
      if (entry.endLine >= document.lineCount) return [];
      const diagnostic = toDiagnostic(document, entry, this.locateRule(entry.finding.ruleId));
      this.findingOf.set(diagnostic, entry);
      return [diagnostic];
    });
    this.collection.set(document.uri, diagnostics);
  }

  /** A finding of an interactive review ends: its one quality signal (findings without an origin have none). */
  private settle(entry: Entry, end: FindingEnd): void {
    const origin = entry.finding.origin;
    const signal = origin && this.settlements.settle(origin, end);
    if (signal) this.settled(signal);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.collection.dispose();
  }
}

function toDiagnostic(document: vscode.TextDocument, entry: Entry, ruleUri: vscode.Uri | undefined): vscode.Diagnostic {
  const first = document.lineAt(entry.startLine);
  const last = document.lineAt(entry.endLine);
  const range = new vscode.Range(first.range.start.translate(0, first.firstNonWhitespaceCharacterIndex), last.range.end);
  const { finding } = entry;
  const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
  diagnostic.source = 'Tandem';
  diagnostic.code = ruleUri ? { value: finding.ruleId, target: ruleUri } : finding.ruleId;
  return diagnostic;
}

function lineCount(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
