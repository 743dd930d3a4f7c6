import * as vscode from 'vscode';
import type { CommandEnv } from './commandEnv';
import { EditProposals } from './editProposals';
import { editSelection } from './editSelection';
import { explainSelection } from './explainSelection';
import { Explanations } from './explanations';
import { generateCode } from './generateCode';
import { generateFromImage } from './generateFromImage';
import { generateJson } from './generateJson';
import { generateSql } from './generateSql';
import { cancelRunning } from './taskProgress';

/** What the editor commands keep between invocations (handed to the integration tests too). */
export interface EditorCommands extends vscode.Disposable {
  readonly proposals: EditProposals;
  readonly explanations: Explanations;
}

/** The editor commands: every one goes through the model layer, so every call is routed and in the ledger. */
export function registerEditorCommands(env: CommandEnv): EditorCommands {
  const proposals = new EditProposals((call, name) => env.quality.record(call, name));
  const explanations = new Explanations(env.context.extensionUri);
  const registrations = vscode.Disposable.from(
    proposals,
    explanations,
    vscode.commands.registerCommand('tandem.generateCode', () => generateCode(env)),
    vscode.commands.registerCommand('tandem.generateSql', () => generateSql(env)),
    vscode.commands.registerCommand('tandem.generateJson', () => generateJson(env)),
    vscode.commands.registerCommand('tandem.editSelection', () => editSelection(env, proposals)),
    vscode.commands.registerCommand('tandem.explainSelection', () => explainSelection(env, explanations)),
    vscode.commands.registerCommand('tandem.generateFromImage', () => generateFromImage(env)),
    vscode.commands.registerCommand('tandem.cancelRequest', () => {
      if (cancelRunning() === 0) void vscode.window.showInformationMessage('Tandem: no request is running.');
    }),
  );
  return { proposals, explanations, dispose: () => registrations.dispose() };
}
