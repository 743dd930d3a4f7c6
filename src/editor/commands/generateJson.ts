import * as vscode from 'vscode';
import { checkedGeneration, type Checked } from '../../core/calls/checkedGeneration';
import type { ModelId } from '../../core/models/modelTable';
import { checkedAnswerSignal } from '../../core/quality/answerOutcomes';
import { generateJsonPrompt, repairJsonMessages } from '../../core/prompts/generateJson';
import { fromStrictAnswer, toStrictSchema, type StrictConversion } from '../../core/json/strictSchema';
import { parseJsonAnswer } from '../../core/json/jsonValidator';
import type { CommandEnv } from './commandEnv';
import { activeEditor, askInstruction, sendable, workspaceTrusted } from './guards';
import { insertChecked, showRefusedAnswer } from './insertText';
import { pickJsonSchema, type SchemaChoice } from './pickJsonSchema';
import { finishedOrTold, receivedLine, withCancellableProgress } from './taskProgress';
import { errorText } from '../../core/format/errorText';
import { inBackground } from '../../core/log/background';

/**
 * `Tandem: Generate JSON…`: an instruction and, optionally, a JSON Schema. With a schema the model answers
 * through strict structured output and the value is validated against the user's schema (ajv); without
 * one it must at least parse. A refused answer gets one repair round-trip; a second refusal inserts nothing.
 */
export async function generateJson(env: CommandEnv, forceModel?: ModelId): Promise<void> {
  if (!workspaceTrusted()) return;
  const editor = activeEditor('place the cursor where the JSON should go');
  if (!editor || !(await sendable(env.boundary, editor.document.uri, 'Generate JSON'))) return;
  const instruction = await askInstruction('Tandem: Generate JSON', 'Describe the JSON to write.', 'e.g. three sample orders for the checkout tests');
  if (!instruction) return;
  let choice: SchemaChoice | undefined;
  try {
    choice = await pickJsonSchema(env.context.workspaceState, env.boundary);
  } catch (error) {
    void vscode.window.showErrorMessage(`Tandem: could not read the schema file: ${errorText(error)}`);
    return;
  }
  if (!choice) return;
  const schema = choice.kind === 'file' ? readSchema(env, choice) : undefined;
  if (schema === null) return;

  const range = new vscode.Range(editor.selection.start, editor.selection.end);
  const version = editor.document.version;
  const prompt = generateJsonPrompt({ instruction, ...(choice.kind === 'file' ? { schemaText: choice.text, schemaPath: choice.path } : {}) });
  const conversion = schema === undefined ? undefined : toStrictSchema(schema);
  conversion?.notes.forEach((note) => env.log.info(`generate JSON: ${note}`));

  const outcome = await withCancellableProgress('Tandem: writing JSON', (signal, report) => checkedGeneration({
    messages: prompt.messages,
    ask: async (messages, refused?: JsonAnswer): Promise<JsonAnswer> => {
      let received = 0;
      const { result, callId, model } = await env.service.run({
        task: 'generateJson', system: prompt.system, messages, signal, forceModel: refused?.model ?? forceModel, repairOf: refused?.callId,
        ...(conversion ? { jsonSchema: { name: 'tandem_json', schema: conversion.schema, strict: conversion.strict } } : {}),
      }, { onText: (delta) => report(receivedLine((received += delta.length))), onRestart: () => (received = 0) });
      return { ...readAnswer(result.text, conversion), callId, model };
    },
    check: (reading): Checked<unknown> => {
      if (!reading.parsed) return { ok: false, problem: reading.problem };
      if (schema === undefined) return { ok: true, value: reading.value };
      const check = env.json.validate(schema, reading.value);
      return check.ok ? { ok: true, value: reading.value } : { ok: false, problem: `it does not match the schema: ${check.errors.join('; ')}` };
    },
    repairMessages: (messages, reading, problem) => repairJsonMessages(messages, reading.text, problem),
    onRepair: (problem) => {
      env.log.info(`generate JSON: the answer was refused (${problem}); asking for a repair.`);
      report('repairing the JSON…');
    },
    signal,
  }).then((generation) => {
    const validity = checkedAnswerSignal(generation);
    if (validity) env.quality.record(generation.first.callId, validity);
    return generation;
  }));

  const result = await finishedOrTold(outcome, env.log, (model) => inBackground(generateJson(env, model), env.log, 'Generate JSON on the other model'));
  if (!result) return;
  if (!result.ok) {
    env.log.warn(`generate JSON: the repaired answer was refused too (${result.problem}); nothing inserted.`);
    const choice = await vscode.window.showErrorMessage(`Tandem: the generated JSON was refused, even after one repair: ${result.problem}. Nothing was inserted.`, 'Show the JSON');
    if (choice) await showRefusedAnswer(result.answer.text, 'json');
    return;
  }
  const { insertSpaces, tabSize } = editor.options;
  const unit = insertSpaces === false ? '\t' : ' '.repeat(typeof tabSize === 'number' ? tabSize : 2);
  await insertChecked(editor, range, version, JSON.stringify(result.value, null, unit));
}

/**
 * One answer as the repair and the user see it: the model's text when it does not parse; once parsed, the
 * value in the user's schema's shape (strict output's stand-ins turned back), pretty-printed.
 */
type JsonReading =
  | { readonly parsed: true; readonly value: unknown; readonly text: string }
  | { readonly parsed: false; readonly problem: string; readonly text: string };

/** One answer as read, and the call that gave it (signals name it; its repair goes to the same model). */
type JsonAnswer = JsonReading & { readonly callId: string; readonly model: ModelId };

function readAnswer(text: string, conversion: StrictConversion | undefined): JsonReading {
  const parsed = parseJsonAnswer(text);
  if (!parsed.ok) return { parsed: false, problem: `it is not valid JSON (${parsed.message})`, text };
  if (conversion === undefined) return { parsed: true, value: parsed.value, text };
  const value = fromStrictAnswer(parsed.value, conversion);
  return { parsed: true, value, text: JSON.stringify(value, null, 2) };
}

/** The picked schema file as a schema, or null after telling the user why it cannot be used. */
function readSchema(env: CommandEnv, choice: Extract<SchemaChoice, { kind: 'file' }>): unknown | null {
  const parsed = parseJsonAnswer(choice.text);
  if (!parsed.ok) {
    void vscode.window.showErrorMessage(`Tandem: ${choice.path} is not valid JSON (${parsed.message}), so it cannot be used as a schema.`);
    return null;
  }
  const check = env.json.checkSchema(parsed.value);
  if (!check.ok) {
    void vscode.window.showErrorMessage(`Tandem: ${choice.path} is not a usable JSON Schema: ${check.message}`);
    return null;
  }
  check.warnings.forEach((warning) => env.log.warn(`generate JSON: ${choice.path}: ${warning}`));
  if (check.warnings.length > 0) void vscode.window.showWarningMessage(`Tandem: ${choice.path}: ${check.warnings.join(' ')}`);
  return parsed.value;
}
