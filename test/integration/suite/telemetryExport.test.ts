import assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LedgerRecord } from '../../../src/core/ledger/record';
import { microUsdFromUsd } from '../../../src/core/telemetry/callMeasurements';
import { attribute, lastMetrics, lastResource, numberValue, pointsOf } from '../../fixtures/otlpMetrics';
import { OtlpReceiver } from '../../fixtures/otlpReceiver';
import { KEYS, clearKeys, closeEditors, fake, openEditor, storeKeys } from '../commandFixtures';
import { activateTandem, answerPrompt, captureMessages, tandemLog, waitFor } from '../tandem';
import { removeWorkspaceSettings, writeWorkspaceSettings } from '../workspaceSettings';

const HEADER_TOKEN = 'Bearer otlp-team-token-5b1f0c9e';
const PROMPT = 'a function that sums the invoice lines';
const CODE = 'const invoiceTotal = lines.reduce((sum, line) => sum + line.amount, 0);';
const USER_LABEL = 'dev@example.com';

/** Whether a file of dist/telemetry/ (setup.js: configuration and feed; otlp.js: the SDK) is loaded in the extension host. */
function telemetryFileLoaded(name: 'setup.js' | 'otlp.js'): boolean {
  return Object.keys(require.cache).some((file) => file.endsWith(path.join('dist', 'telemetry', name)));
}

const settings = () => vscode.workspace.getConfiguration('tandem.telemetry');

async function setUserSettings(values: Record<string, unknown>): Promise<void> {
  for (const [key, value] of Object.entries(values)) await settings().update(key, value, vscode.ConfigurationTarget.Global);
}

async function clearUserSettings(): Promise<void> {
  await setUserSettings({ 'otlp.endpoint': undefined, 'otlp.protocol': undefined, 'otlp.exportIntervalSeconds': undefined, 'otlp.exportLogs': undefined, userLabel: undefined });
}

/** Waits until the export runs with the settings just written (each change reconfigures, asynchronously). */
async function exportingTo(receiver: OtlpReceiver, intervalSeconds: number, label?: string): Promise<void> {
  const { telemetry } = await activateTandem();
  await waitFor(`the export to ${receiver.baseUrl} every ${intervalSeconds} s`, () => {
    const config = telemetry.config;
    return (config?.metricsUrl === `${receiver.baseUrl}/v1/metrics` && config.intervalMs === intervalSeconds * 1000 && config.resource['tandem.user.label'] === label) || undefined;
  });
}

/** One call per provider (an explanation by Claude Haiku, generated code by GPT-5.4 Mini) and one refused call. */
async function makeCalls(): Promise<void> {
  await openEditor(`|${CODE}|`, 'javascript');
  await fake.script({ match: { provider: 'anthropic' }, reply: { text: 'Adds up the amounts of the invoice lines.' } });
  assert.ok(await vscode.commands.executeCommand('tandem.explainSelection'), 'the explanation opened');
  await closeEditors();
  const input = answerPrompt('showInputBox', () => PROMPT);
  const messages = captureMessages();
  try {
    await openEditor('const lines = [];\n|\n');
    await fake.script({ match: { provider: 'openai' }, reply: { text: 'function sumInvoice(lines) {\n  return 0;\n}' } });
    await vscode.commands.executeCommand('tandem.generateCode');
    await fake.script({ match: { provider: 'openai' }, fault: { kind: 'status', status: 500 } });
    await vscode.commands.executeCommand('tandem.generateCode');
  } finally {
    input.dispose();
    messages.dispose();
    await closeEditors();
  }
}

/** The ledger's totals for this session's records, the way the export must add them up. */
function ledgerTotals(records: readonly LedgerRecord[]) {
  const sum = (pick: (r: LedgerRecord) => number) => records.reduce((s, r) => s + pick(r), 0);
  return {
    input: sum((r) => r.usage.input),
    cache_read: sum((r) => r.usage.cacheRead),
    cache_creation: sum((r) => r.usage.cacheWrite5m + r.usage.cacheWrite1h),
    output: sum((r) => r.usage.output),
    costMicroUsd: sum((r) => r.costMicroUsd),
    calls: records.length,
  };
}

/** The receiver's totals from the last metrics export. */
function exportedTotals(receiver: OtlpReceiver) {
  const metrics = lastMetrics(receiver);
  const tokens = (type: string) => pointsOf(metrics, 'gen_ai.client.token.usage')
    .filter((p) => attribute(p, 'gen_ai.token.type')?.stringValue === type)
    .reduce((s, p) => s + (p.sum ?? 0), 0);
  const cost = pointsOf(metrics, 'tandem.cost');
  return {
    input: tokens('input'),
    cache_read: tokens('cache_read'),
    cache_creation: tokens('cache_creation'),
    output: tokens('output'),
    costMicroUsd: cost.reduce((s, p) => s + microUsdFromUsd(numberValue(p)), 0),
    calls: pointsOf(metrics, 'gen_ai.client.operation.duration').reduce((s, p) => s + Number(p.count ?? 0), 0),
  };
}

/** Every byte the receiver got, as text, to search for what must never leave. */
const everyByte = (receiver: OtlpReceiver) => receiver.requests.map((r) => r.body.toString('latin1')).join('\n');

describe('OpenTelemetry export', function () {
  this.timeout(120_000);
  let receiver: OtlpReceiver;

  before(async () => {
    receiver = await OtlpReceiver.start();
    await fake.reset();
    await storeKeys();
    // The refused call is filed as refused at once: no retry or fallback turns it into a success.
    const config = vscode.workspace.getConfiguration('tandem');
    await config.update('fallback.enabled', false, vscode.ConfigurationTarget.Global);
    await config.update('maxRetries', 0, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    const config = vscode.workspace.getConfiguration('tandem');
    await config.update('fallback.enabled', undefined, vscode.ConfigurationTarget.Global);
    await config.update('maxRetries', undefined, vscode.ConfigurationTarget.Global);
    await clearUserSettings();
    const { context } = await activateTandem();
    await context.secrets.delete('tandem.headers.telemetry');
    await receiver.close();
    await closeEditors();
    await clearKeys();
  });

  it('off by default: calls load no OpenTelemetry code and connect to nothing', async () => {
    const { telemetry, session } = await activateTandem();
    session.reset();
    await makeCalls();
    assert.equal(session.records.length, 3);
    assert.equal(telemetry.config, undefined);
    assert.equal(telemetry.sdkLoaded, false);
    assert.equal(telemetryFileLoaded('setup.js'), false, 'dist/telemetry/setup.js was not loaded');
    assert.equal(telemetryFileLoaded('otlp.js'), false, 'dist/telemetry/otlp.js was not loaded');
    assert.equal(receiver.connections, 0);
  });

  it('a workspace cannot turn export on or label the user: its .vscode/settings.json is ignored', async () => {
    const { telemetry } = await activateTandem();
    await writeWorkspaceSettings({ 'tandem.telemetry.otlp.endpoint': receiver.baseUrl, 'tandem.telemetry.userLabel': 'someone-else' });
    try {
      await telemetry.configure();
      await makeCalls();
      await telemetry.flush();
      assert.equal(telemetry.config, undefined);
      assert.equal(receiver.connections, 0);
    } finally {
      await removeWorkspaceSettings();
    }
  });

  it("sends the ledger's tokens and cost to the token and micro-dollar, with the header token from secret storage and no key, prompt or code", async () => {
    const { telemetry, session, models } = await activateTandem();
    const inputs = [HEADER_TOKEN, 'authorization'];
    const input = answerPrompt('showInputBox', () => inputs.pop());
    try {
      await vscode.commands.executeCommand('tandem.setTelemetryHeader');
    } finally {
      input.dispose();
    }
    await setUserSettings({ 'otlp.endpoint': receiver.baseUrl, 'otlp.exportIntervalSeconds': 3600, userLabel: USER_LABEL });
    await exportingTo(receiver, 3600, USER_LABEL);
    assert.equal(telemetry.sdkLoaded, false, 'nothing to send yet: the SDK is not loaded');

    session.reset();
    await makeCalls();
    // The user rates the explanation: a quality signal, counted under the model that answered.
    const explained = session.records.find((r) => r.task === 'explain');
    assert.ok(explained);
    models.quality.record(explained.id, 'thumbsUp');
    await telemetry.flush();

    const rated = pointsOf(lastMetrics(receiver), 'tandem.quality.signals').map((p) =>
      [attribute(p, 'tandem.signal')?.stringValue, attribute(p, 'gen_ai.request.model')?.stringValue, numberValue(p)]);
    assert.deepEqual(rated, [['thumbsUp', explained.model, 1]]);

    const totals = ledgerTotals(session.records);
    assert.ok(totals.input > 0 && totals.output > 0 && totals.costMicroUsd > 0, JSON.stringify(totals));
    assert.deepEqual(exportedTotals(receiver), totals);
    assert.equal(telemetryFileLoaded('otlp.js'), true);

    const request = receiver.requests[receiver.requests.length - 1];
    assert.equal(request.encoding, 'protobuf');
    assert.equal(request.headers.authorization, HEADER_TOKEN, 'the stored header goes with the export');
    assert.deepEqual(
      { name: lastResource(receiver)['service.name'], label: lastResource(receiver)['tandem.user.label'] },
      { name: 'tandem', label: USER_LABEL },
    );
    const outcomes = pointsOf(lastMetrics(receiver), 'tandem.cost').map((p) => attribute(p, 'tandem.outcome')?.stringValue).sort();
    assert.deepEqual(outcomes, ['error', 'ok', 'ok']);

    const bytes = everyByte(receiver);
    for (const secret of [KEYS.openai, KEYS.anthropic, 'otlp-team-token', PROMPT, 'invoiceTotal', 'sumInvoice']) {
      assert.equal(bytes.includes(secret), false, `"${secret}" was exported`);
    }
    assert.equal(tandemLog().includes('otlp-team-token'), false, 'the header token is not logged');
  });

  it('with log records on, over OTLP/JSON: one gen_ai inference event per call, its tokens and cost the ledger\'s, no content', async () => {
    const { telemetry, session } = await activateTandem();
    await setUserSettings({ 'otlp.endpoint': receiver.baseUrl, 'otlp.protocol': 'http/json', 'otlp.exportLogs': true, 'otlp.exportIntervalSeconds': 3600, userLabel: undefined });
    await exportingTo(receiver, 3600);
    await waitFor('the JSON export with log records', () => (telemetry.config?.protocol === 'http/json' && telemetry.config.logs) || undefined);
    receiver.requests.length = 0;

    session.reset();
    await makeCalls();
    await telemetry.flush();

    const events = receiver.logRecords();
    assert.deepEqual(events.map((e) => e.eventName), session.records.map(() => 'gen_ai.client.inference.operation.details'));
    const value = (e: (typeof events)[number], key: string) => {
      const v = e.attributes?.find((a) => a.key === key)?.value;
      return Number(v?.intValue ?? v?.doubleValue ?? 0);
    };
    const sum = (key: string) => events.reduce((s, e) => s + value(e, key), 0);
    const totals = ledgerTotals(session.records);
    assert.equal(sum('gen_ai.usage.output_tokens'), totals.output);
    assert.equal(sum('gen_ai.usage.input_tokens'), totals.input + totals.cache_read + totals.cache_creation, 'input includes the cache, as the conventions define it');
    assert.equal(events.reduce((s, e) => s + microUsdFromUsd(value(e, 'tandem.cost.usd')), 0), totals.costMicroUsd);
    assert.deepEqual(exportedTotals(receiver), totals, 'the metrics still add up, over JSON');
    assert.ok(receiver.requests.every((r) => r.encoding === 'json'));

    const bytes = everyByte(receiver);
    for (const secret of [KEYS.openai, KEYS.anthropic, 'otlp-team-token', PROMPT, 'invoiceTotal', 'sumInvoice', ...session.records.map((r) => r.id)]) {
      assert.equal(bytes.includes(secret), false, `"${secret}" was exported`);
    }
    await setUserSettings({ 'otlp.protocol': undefined, 'otlp.exportLogs': undefined });
  });

  it('collector down: calls work and say nothing, one log line, and the totals arrive when it is back', async () => {
    const { telemetry, session } = await activateTandem();
    await setUserSettings({ 'otlp.endpoint': receiver.baseUrl, 'otlp.exportIntervalSeconds': 5, userLabel: undefined });
    await exportingTo(receiver, 5);
    const port = receiver.port;
    const logLines = () => tandemLog().split('\n').filter((l) => l.includes(`OpenTelemetry export to ${receiver.baseUrl}/v1/metrics failed`)).length;
    const before = logLines();
    await receiver.close();

    session.reset();
    const messages = captureMessages();
    let down = true;
    try {
      await makeCalls();
      assert.equal(session.records.filter((r) => r.outcome === 'ok').length, 2, 'the calls worked');
      await telemetry.flush();
      await waitFor('the failure in the log', () => logLines() > before || undefined, 30_000);
      await telemetry.flush();
      await telemetry.flush();
      assert.equal(logLines(), before + 1, 'one line for the whole outage');
      assert.equal(messages.messages.filter((m) => /OpenTelemetry/i.test(m)).length, 0, 'no message in the user\'s way');
      receiver = await OtlpReceiver.start(port);
      down = false;
    } finally {
      messages.dispose();
      // Back for the next test even when this one failed.
      if (down) receiver = await OtlpReceiver.start(port);
    }

    await waitFor('an export after the collector came back', () => receiver.metrics().length > 0 || undefined, 30_000);
    const exported = exportedTotals(receiver);
    const own = ledgerTotals(session.records);
    // Cumulative: the first export after the outage carries the calls made while it lasted (and the earlier test's).
    assert.ok(exported.calls >= own.calls && exported.costMicroUsd >= own.costMicroUsd, `${JSON.stringify(exported)} vs ${JSON.stringify(own)}`);
    await waitFor('the log to say it works again', () => tandemLog().includes(`OpenTelemetry export to ${receiver.baseUrl}/ works again`) || undefined);
  });

  it('an endpoint from OTEL_EXPORTER_OTLP_ENDPOINT alone asks once; declined, nothing is sent', async () => {
    const { telemetry, context } = await activateTandem();
    await clearUserSettings();
    await waitFor('the export to stop', () => telemetry.config === undefined || undefined);
    const saved = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.baseUrl;
    // Read afresh: the assertions above narrow `telemetry.config` to undefined for the compiler.
    const currentConfig = () => telemetry.config;
    const asked: string[] = [];
    let answer = "Don't Export";
    const prompt = answerPrompt('showInformationMessage', (message: string, ...items: unknown[]) => {
      if (!message.includes('OTEL_EXPORTER_OTLP_ENDPOINT')) return undefined;
      asked.push(message);
      return items.find((i) => (i as vscode.MessageItem).title === answer);
    });
    try {
      receiver.requests.length = 0;
      await telemetry.configure();
      assert.equal(asked.length, 1);
      assert.match(asked[0], /never code, prompts or keys/);
      await makeCalls();
      await telemetry.flush();
      assert.equal(telemetry.config, undefined);
      assert.equal(receiver.requests.length, 0, 'declined: nothing sent');

      await telemetry.configure();
      assert.equal(asked.length, 1, 'the answer is remembered');

      await context.globalState.update('tandem.telemetry.environmentEndpointAnswers', undefined);
      answer = 'Export';
      await telemetry.configure();
      assert.equal(asked.length, 2);
      assert.equal(currentConfig()?.source, 'environment');
      await makeCalls();
      await telemetry.flush();
      assert.ok(receiver.metrics().length > 0, 'allowed: the metrics arrive');
    } finally {
      prompt.dispose();
      if (saved === undefined) delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
      else process.env.OTEL_EXPORTER_OTLP_ENDPOINT = saved;
      await context.globalState.update('tandem.telemetry.environmentEndpointAnswers', undefined);
      await telemetry.configure();
    }
  });
});
