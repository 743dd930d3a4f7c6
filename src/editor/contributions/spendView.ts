import * as vscode from 'vscode';
import { registerSpendView } from '../views/spendView';
import type { TandemContribution } from './contribution';

/** "Session Spend" in the Tandem view: this session by task and by model, live; its items open the report. */
export const spendView: TandemContribution = {
  name: 'the session spend view',
  create: ({ session, models }) => {
    const view = registerSpendView(session, () => models.settings.models().models);
    const registrations = vscode.Disposable.from(
      view,
      // A model's display name comes from the catalog, which the user's settings can change.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tandem.models')) view.provider.refresh();
      }),
    );
    return { dispose: () => registrations.dispose(), testApi: { spendView: view.provider } };
  },
};
