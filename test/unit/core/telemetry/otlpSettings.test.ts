import assert from 'node:assert/strict';
import { describeOtlpConfig, resolveOtlpConfig, type OtlpConfig, type OtlpInputs, type OtlpResolution } from '../../../../src/core/telemetry/otlpSettings';

const resolve = (over: Partial<OtlpInputs> = {}): OtlpResolution => resolveOtlpConfig({ settings: {}, env: {}, serviceVersion: '0.1.0', instanceId: 'window-1', ...over });
const enabled = (r: OtlpResolution): OtlpConfig => {
  assert.ok(r.enabled, `expected an enabled export, got ${JSON.stringify(r)}`);
  return r;
};
const problem = (r: OtlpResolution): string => {
  assert.ok(!r.enabled && 'problem' in r, `expected a problem, got ${JSON.stringify(r)}`);
  return r.problem;
};

const ENV_SECRET = 'Bearer%20s3cr3t-token';

describe('resolveOtlpConfig', () => {
  it('is off by default: no endpoint in the settings or the environment', () => {
    assert.deepEqual(resolve(), { enabled: false });
    assert.deepEqual(resolve({ settings: { endpoint: '  ' }, env: { OTEL_EXPORTER_OTLP_HEADERS: 'a=b' } }), { enabled: false });
  });

  it('appends v1/metrics and v1/logs to the base endpoint, with the defaults', () => {
    const c = enabled(resolve({ settings: { endpoint: 'http://localhost:4318' } }));
    assert.equal(c.source, 'setting');
    assert.equal(c.metricsUrl, 'http://localhost:4318/v1/metrics');
    assert.equal(c.logsUrl, 'http://localhost:4318/v1/logs');
    assert.equal(c.protocol, 'http/protobuf');
    assert.equal(c.intervalMs, 60_000);
    assert.deepEqual(c.headers, {});
    assert.deepEqual(c.resource, { 'service.name': 'tandem', 'service.version': '0.1.0', 'service.instance.id': 'window-1' }, 'nothing identifying by default');
  });

  it('keeps a base path, with or without its trailing slash', () => {
    assert.equal(enabled(resolve({ settings: { endpoint: 'https://otel.example.com/team-a/' } })).metricsUrl, 'https://otel.example.com/team-a/v1/metrics');
    assert.equal(enabled(resolve({ settings: { endpoint: 'https://otel.example.com/team-a' } })).logsUrl, 'https://otel.example.com/team-a/v1/logs');
  });

  it('takes the protocol, interval and user label from the settings', () => {
    const c = enabled(resolve({ settings: { endpoint: 'http://127.0.0.1:4318', protocol: 'http/json', exportIntervalSeconds: 5, userLabel: ' dev@example.com ' } }));
    assert.equal(c.protocol, 'http/json');
    assert.equal(c.intervalMs, 5000);
    assert.equal(c.resource['tandem.user.label'], 'dev@example.com');
    assert.equal(c.logs, false, 'log records are off unless asked for');
  });

  it('sends a log record per call only when tandem.telemetry.otlp.exportLogs is on, and says so', () => {
    const c = enabled(resolve({ settings: { endpoint: 'http://127.0.0.1:4318', exportLogs: true } }));
    assert.equal(c.logs, true);
    assert.match(describeOtlpConfig(c), /^OpenTelemetry export of metrics and a log record per call to http:\/\/127\.0\.0\.1:4318\/v1\/metrics/);
  });

  it('uses the OTEL_* endpoint and its percent-decoded headers when the setting is empty', () => {
    const c = enabled(resolve({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector.internal:4318', OTEL_EXPORTER_OTLP_HEADERS: `Authorization=${ENV_SECRET},X-Team=plat%2Fform` },
    }));
    assert.equal(c.source, 'environment');
    assert.equal(c.metricsUrl, 'https://collector.internal:4318/v1/metrics');
    assert.deepEqual(c.headers, { authorization: 'Bearer s3cr3t-token', 'x-team': 'plat/form' });
    assert.equal(c.ignoredEntries, 0);
  });

  it('prefers the endpoint setting, and then never sends the environment’s header tokens', () => {
    const c = enabled(resolve({
      settings: { endpoint: 'http://localhost:4318' },
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://elsewhere:4318', OTEL_EXPORTER_OTLP_HEADERS: `Authorization=${ENV_SECRET}` },
    }));
    assert.equal(c.source, 'setting');
    assert.equal(c.metricsUrl, 'http://localhost:4318/v1/metrics');
    assert.deepEqual(c.headers, {});
  });

  it('drops and counts malformed header entries, names that are no header names and values with line breaks', () => {
    const c = enabled(resolve({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318', OTEL_EXPORTER_OTLP_HEADERS: 'ok=1,broken,bad name=2,inject=a%0D%0AHost:%20x,=3' },
    }));
    assert.deepEqual(c.headers, { ok: '1' });
    assert.equal(c.ignoredEntries, 4);
  });

  it('adds OTEL_RESOURCE_ATTRIBUTES to the resource, under Tandem’s own service name, version and label', () => {
    const c = enabled(resolve({
      settings: { endpoint: 'http://localhost:4318', userLabel: 'team-a' },
      env: { OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=dev,service.name=other,service.instance.id=shared,tandem.user.label=x,team=a%20b,junk' },
      serviceVersion: '1.2.3',
    }));
    assert.deepEqual(c.resource, { 'deployment.environment': 'dev', 'service.name': 'tandem', 'tandem.user.label': 'team-a', team: 'a b', 'service.version': '1.2.3', 'service.instance.id': 'window-1' });
    assert.equal(c.ignoredEntries, 1);
    assert.match(describeOtlpConfig(c), /\. 1 malformed entry of the OTEL_\* variables ignored\.$/, 'counted, never shown');
  });

  it('names the setting or variable at fault and says what to do', () => {
    assert.match(problem(resolve({ settings: { endpoint: 'localhost:4318/x y' } })), /tandem\.telemetry\.otlp\.endpoint .*(http|URL)/);
    assert.match(problem(resolve({ settings: { endpoint: 'not a url' } })), /^The setting tandem\.telemetry\.otlp\.endpoint is not a valid URL: .*http:\/\/localhost:4318/);
    assert.match(problem(resolve({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' } })), /^The environment variable OTEL_EXPORTER_OTLP_ENDPOINT must be an http:\/\/ or https:\/\/ address/);
    assert.match(problem(resolve({ settings: { endpoint: 'ftp://host' } })), /tandem\.telemetry\.otlp\.endpoint must be an http/);
    assert.match(problem(resolve({ settings: { endpoint: 'https://user:pw@host' } })), /user name or password: remove it and set the token as a header/);
    assert.match(problem(resolve({ settings: { endpoint: 'http://h', protocol: 'grpc' } })), /tandem\.telemetry\.otlp\.protocol must be http\/protobuf or http\/json/);
    for (const exportIntervalSeconds of [4, 3601, Number.NaN]) {
      assert.match(problem(resolve({ settings: { endpoint: 'http://h', exportIntervalSeconds } })), /tandem\.telemetry\.otlp\.exportIntervalSeconds must be between 5 and 3600 seconds/);
    }
  });

  it('never puts the endpoint’s password in a problem message', () => {
    assert.equal(problem(resolve({ settings: { endpoint: 'https://user:hunter2@host' } })).includes('hunter2'), false);
  });
});

describe('describeOtlpConfig', () => {
  it('shows where, how, how often and the header names, never a header value or the query string', () => {
    const c = enabled(resolve({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector.internal:4318/base?token=qs-secret', OTEL_EXPORTER_OTLP_HEADERS: `Authorization=${ENV_SECRET},x-team=platform` },
    }));
    const text = describeOtlpConfig(c);
    assert.equal(text, 'OpenTelemetry export of metrics to https://collector.internal:4318/base/v1/metrics (http/protobuf, every 60 s, from OTEL_EXPORTER_OTLP_ENDPOINT; headers authorization, x-team).');
    for (const secret of ['s3cr3t', 'platform', 'qs-secret']) assert.equal(text.includes(secret), false, secret);
  });
});
