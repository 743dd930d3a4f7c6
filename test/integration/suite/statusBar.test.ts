import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateTandem } from '../tandem';

describe('Spend status bar', () => {
  it('shows $0.00 when the session starts', async () => {
    const { statusBarItem, session } = await activateTandem();
    session.reset();
    assert.equal(statusBarItem.text, '$0.00');
    assert.equal(statusBarItem.name, 'Tandem Spend');
    assert.equal(statusBarItem.alignment, vscode.StatusBarAlignment.Right);
    const tooltip = statusBarItem.tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /no model calls yet/);
  });

  it('follows the session totals live and resets to $0.00', async () => {
    const { statusBarItem, session } = await activateTandem();
    session.reset();
    session.add({ tokens: 14_150, costMicroUsd: 12_300 });
    assert.equal(statusBarItem.text, '$0.0123 · 14.2k tok');
    assert.match((statusBarItem.tooltip as vscode.MarkdownString).value, /14,150 tokens in 1 model call/);
    session.reset();
    assert.equal(statusBarItem.text, '$0.00');
  });
});
