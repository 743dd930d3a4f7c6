import * as vscode from 'vscode';
import { checkedGeneration } from '../../core/calls/checkedGeneration';
import { TandemError } from '../../core/calls/errors';
import { checkedAnswerSignal } from '../../core/quality/answerOutcomes';
import type { ModelId } from '../../core/models/modelTable';
import { generateSqlPrompt, repairSqlMessages } from '../../core/prompts/generateSql';
import { DEFAULT_SQL_DIALECT, isSqlDialect, sqlDialectInfo } from '../../core/sql/dialects';
import { extractCode } from '../../core/text/codeAnswer';
import type { CommandEnv } from './commandEnv';
import { activeEditor, askInstruction, sendable, workspaceTrusted } from './guards';
import { insertChecked, showRefusedAnswer } from './insertText';
import { finishedOrTold, receivedLine, withCancellableProgress } from './taskProgress';
import { workspaceSchema } from './workspaceSchema';
import { inBackground } from '../../core/log/background';

/** One answer: its SQL, and the call that gave it (signals name it; its repair goes to the same model). */
interface SqlAnswer {
  readonly sql: string;
  readonly callId: string;
  readonly model: ModelId;
}

/**
 * `Tandem: Generate SQL…`: an instruction, with the workspace's schema as context. The answer is parsed
 * for the dialect in settings before anything is inserted; if it does not parse, the model gets one
 * chance to repair it with the parser's error; a second failure inserts nothing and says why.
 */
export async function generateSql(env: CommandEnv, forceModel?: ModelId): Promise<void> {
  if (!workspaceTrusted()) return;
  const editor = activeEditor('place the cursor where the SQL should go');
  if (!editor || !(await sendable(env.boundary, editor.document.uri, 'Generate SQL'))) return;
  const instruction = await askInstruction('Tandem: Generate SQL', 'Describe the query or statement to write.', 'e.g. the ten customers with the most orders this year');
  if (!instruction) return;
  const setting = vscode.workspace.getConfiguration('tandem.sql', editor.document.uri).get<string>('dialect');
  const dialect = sqlDialectInfo(isSqlDialect(setting) ? setting : DEFAULT_SQL_DIALECT);
  const range = new vscode.Range(editor.selection.start, editor.selection.end);
  const version = editor.document.version;

  const outcome = await withCancellableProgress(`Tandem: writing ${dialect.displayName}`, async (signal, report) => {
    const schema = await workspaceSchema(editor.document.uri, env.boundary);
    // A schema file setting that leaves the workspace stops the command: nothing is read or sent.
    if (schema.refused !== undefined) throw new TandemError(schema.refused);
    if (schema.problem) void vscode.window.showWarningMessage(`Tandem: ${schema.problem}`);
    schema.skipped.forEach((why) => env.log.info(`generate SQL: skipped a .sql file: ${why}`));
    if (schema.excluded.length > 0) env.log.info(`generate SQL: left out of the schema, excluded from what Tandem sends: ${schema.excluded.join(', ')}`);
    if (schema.statements === 0) env.log.info('generate SQL: no DDL found in the workspace; the model infers the tables.');
    const prompt = generateSqlPrompt({ dialect: dialect.displayName, schema: schema.text, instruction });
    const generation = await checkedGeneration({
      messages: prompt.messages,
      ask: async (messages, refused?: SqlAnswer): Promise<SqlAnswer> => {
        let received = 0;
        const { result, callId, model } = await env.service.run({
          task: 'generateSql', system: prompt.system, messages, signal, forceModel: refused?.model ?? forceModel, repairOf: refused?.callId,
        }, {
          onText: (delta) => report(receivedLine((received += delta.length))),
          onRestart: () => (received = 0),
        });
        return { sql: extractCode(result.text), callId, model };
      },
      check: async ({ sql }) => {
        const check = await env.sql.validate(sql, dialect.id);
        return check.ok ? { ok: true, value: sql } : { ok: false, problem: check.message };
      },
      repairMessages: (messages, { sql }, problem) => repairSqlMessages(messages, sql, dialect.displayName, problem),
      onRepair: (problem) => {
        env.log.info(`generate SQL: the answer does not parse as ${dialect.displayName} (${problem}); asking for a repair.`);
        report('repairing the SQL…');
      },
      signal,
    });
    const validity = checkedAnswerSignal(generation);
    if (validity) env.quality.record(generation.first.callId, validity);
    return { text: generation.answer.sql, error: generation.ok ? undefined : generation.problem };
  });

  const answer = await finishedOrTold(outcome, env.log, (model) => inBackground(generateSql(env, model), env.log, 'Generate SQL on the other model'));
  if (!answer) return;
  const { text, error } = answer;
  if (error) {
    env.log.warn(`generate SQL: the repaired answer still does not parse (${error}); nothing inserted.`);
    const choice = await vscode.window.showErrorMessage(
      `Tandem: the generated SQL does not parse as ${dialect.displayName}, even after one repair (${error}). Nothing was inserted.`,
      'Show the SQL',
    );
    if (choice) await showRefusedAnswer(text, 'sql');
    return;
  }
  await insertChecked(editor, range, version, text);
}
