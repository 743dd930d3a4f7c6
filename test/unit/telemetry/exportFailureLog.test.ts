import assert from 'node:assert/strict';
import { ExportFailureLog } from '../../../src/telemetry/exportFailureLog';

const CONFIG = {
  endpoint: 'http://collector.test:4318/?token=q-secret',
  metricsUrl: 'http://collector.test:4318/v1/metrics?token=q-secret',
  logsUrl: 'http://collector.test:4318/v1/logs?token=q-secret',
  logs: true,
};

describe('ExportFailureLog', () => {
  it('logs the first failure of any signal once, and works again only when every failed signal has succeeded since', () => {
    const logged: string[] = [];
    const failures = new ExportFailureLog(CONFIG, (line) => logged.push(line));
    failures.failed('logs', new Error('connect ECONNREFUSED 127.0.0.1:4318'));
    failures.failed('metrics', new Error('connect ECONNREFUSED 127.0.0.1:4318'));
    failures.failed('logs', new Error('again'));
    assert.equal(logged.length, 1);
    assert.match(logged[0], /^OpenTelemetry export to http:\/\/collector\.test:4318\/v1\/logs failed \(connect ECONNREFUSED 127\.0\.0\.1:4318\)\. .*check that the collector is running/);

    failures.succeeded('metrics');
    assert.equal(logged.length, 1, 'the logs still fail');
    failures.succeeded('logs');
    failures.succeeded('logs');
    assert.deepEqual(logged.slice(1), ['OpenTelemetry export to http://collector.test:4318/ works again.']);
    assert.ok(logged.every((line) => !line.includes('q-secret')));
  });

  it('says nothing about a success that followed no failure', () => {
    const logged: string[] = [];
    new ExportFailureLog(CONFIG, (line) => logged.push(line)).succeeded('metrics');
    assert.deepEqual(logged, []);
  });
});
