import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { DEFAULT_MODELS } from '../../../src/core/models/modelTable';
import { callMeasurements, type Measurement } from '../../../src/core/telemetry/callMeasurements';
import { ENV, SETTING } from '../../../src/core/telemetry/otlpSettings';
import { signalMeasurements } from '../../../src/core/telemetry/signalMeasurements';
import { COMPLETION_EVENTS, INSTRUMENTS, RESOURCE_ATTR, type InstrumentSpec } from '../../../src/core/telemetry/telemetryNames';
import { ZERO_USAGE } from '../../../src/core/usage/usage';
import { makeRecord } from '../core/ledger/fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

/**
 * The Prometheus words for the UCUM units Tandem's instruments use, from the OTLP→Prometheus translator's unit
 * table (prometheus/otlptranslator, used by the Collector's prometheus exporter). Units in braces (`{token}`) are
 * dropped; a unit not in the table (`USD`) is appended as it is.
 */
const PROMETHEUS_UNIT: Readonly<Record<string, string>> = { s: 'seconds' };

/** The series the Collector's prometheus exporter makes of one instrument (default `UnderscoreEscapingWithSuffixes`). */
function prometheusSeries({ name, unit, kind }: Pick<InstrumentSpec, 'name' | 'unit' | 'kind'>): string[] {
  const unitWord = unit.includes('{') ? '' : (PROMETHEUS_UNIT[unit] ?? unit);
  const base = [name.replace(/\./g, '_'), unitWord].filter((part) => part !== '').join('_');
  if (kind === 'histogram') return [`${base}_bucket`, `${base}_sum`, `${base}_count`];
  // A monotonic sum is a Prometheus counter; a non-monotonic one (an UpDownCounter) a gauge, without `_total`.
  return kind === 'counter' ? [`${base}_total`] : [base];
}

const promLabel = (key: string): string => key.replace(/\./g, '_');

/**
 * The labels each Prometheus series carries: the attributes Tandem records on its instrument (taken from the
 * measurements of real records and signals, so an attribute dropped from an instrument is seen), the resource
 * (labels through the shipped config's resource_to_telemetry_conversion), `job` / `instance`, and `le` on buckets.
 */
function seriesLabels(): Map<string, Set<string>> {
  const time = '2026-03-11T10:00:00.000Z';
  const cached = { ...ZERO_USAGE, input: 120, cacheRead: 4000, cacheWrite5m: 700, output: 90 };
  const records = [
    makeRecord({ id: 'ok', time, usage: cached, costMicroUsd: 900 }),
    makeRecord({ id: 'failed', time, outcome: 'error', costMicroUsd: 0 }),
    makeRecord({ id: 'estimated', time, task: 'completion', usage: cached, estimated: true, outcome: 'cancelled', costMicroUsd: 40 }),
  ];
  const measurements: Measurement[] = records.flatMap((record) => callMeasurements(record, DEFAULT_MODELS));
  for (const name of COMPLETION_EVENTS) {
    measurements.push(...signalMeasurements({ v: 1, id: `s-${name}`, time, call: 'estimated', name }, records[2]));
  }
  const common = [...Object.values(RESOURCE_ATTR).map(promLabel), 'job', 'instance'];
  const labels = new Map<string, Set<string>>();
  for (const { instrument, attributes } of measurements) {
    for (const series of prometheusSeries(INSTRUMENTS[instrument])) {
      const set = labels.get(series) ?? new Set([...common, ...(series.endsWith('_bucket') ? ['le'] : [])]);
      for (const key of Object.keys(attributes)) set.add(promLabel(key));
      labels.set(series, set);
    }
  }
  return labels;
}

interface ParsedQuery {
  readonly selectors: { readonly metric: string; readonly labels: readonly string[] }[];
  /** Labels of `by (…)` / `without (…)` / `on (…)` clauses. */
  readonly grouping: readonly string[];
}

const PROMQL_KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/** The metric names and labels a PromQL expression uses (enough of PromQL for dashboards: no `__name__` matchers). */
function parsePromQl(expr: string): ParsedQuery {
  // String literals, Grafana variables and range durations hold no metric or label names.
  let rest = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\$\{?\w+\}?/g, '').replace(/\[[^\]]*\]/g, '');
  const grouping: string[] = [];
  rest = rest.replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g, (_, list: string) => {
    grouping.push(...list.split(',').map((label) => label.trim()).filter((label) => label !== ''));
    return ' ';
  });
  const selectors: { metric: string; labels: string[] }[] = [];
  rest = rest.replace(/([A-Za-z_:][\w:]*)\s*\{([^}]*)\}/g, (_, metric: string, body: string) => {
    selectors.push({ metric, labels: [...body.matchAll(/([A-Za-z_]\w*)\s*(?:=~|!~|!=|=)/g)].map((m) => m[1]) });
    return ' ';
  });
  // What is left: function names (followed by a parenthesis), keywords, numbers and bare metric names.
  for (const [name] of rest.matchAll(/\b[A-Za-z_:][\w:]*\b(?!\s*\()/g)) {
    if (!PROMQL_KEYWORDS.has(name)) selectors.push({ metric: name, labels: [] });
  }
  return { selectors, grouping };
}

interface DashboardTarget {
  readonly expr: string;
  readonly legendFormat?: string;
}
interface Dashboard {
  readonly panels: { readonly title: string; readonly targets: readonly DashboardTarget[] }[];
  readonly templating: { readonly list: { readonly name: string; readonly type: string; readonly query: unknown }[] };
}

const dashboard = JSON.parse(read('docs/otel/grafana-dashboard.json')) as Dashboard;
const targets = dashboard.panels.flatMap((panel) => panel.targets.map((target) => ({ panel: panel.title, ...target })));

describe('docs/otel: the shipped Collector, Prometheus and Grafana files', () => {
  const labels = seriesLabels();

  describe('the metric names a dashboard sees', () => {
    it('follows the Collector’s OTLP→Prometheus translation', () => {
      // The translator's own documented cases: unit words, dropped `{…}` units, `_total` only on counters.
      assert.deepEqual(prometheusSeries({ name: 'http.server.duration', unit: 's', kind: 'histogram' }), [
        'http_server_duration_seconds_bucket',
        'http_server_duration_seconds_sum',
        'http_server_duration_seconds_count',
      ]);
      assert.deepEqual(prometheusSeries({ name: 'system.network.dropped', unit: '{packets}', kind: 'counter' }), ['system_network_dropped_total']);
      assert.deepEqual(prometheusSeries({ name: 'queue.depth', unit: 'USD', kind: 'upDownCounter' }), ['queue_depth_USD']);
    });

    it('labels every series with the attributes Tandem records on its instrument', () => {
      assert.ok(labels.get('tandem_cost_USD_total')?.has('tandem_outcome'), 'spend by outcome');
      assert.ok(labels.get('gen_ai_client_token_usage_bucket')?.has('gen_ai_token_type'), 'tokens by type');
      assert.ok(labels.get('gen_ai_client_token_usage_bucket')?.has('tandem_user_label'), 'tokens per developer (the resource)');
      assert.ok(!labels.get('gen_ai_client_token_usage_bucket')?.has('tandem_outcome'), 'no outcome on token usage');
    });
  });

  describe('collector.yaml', () => {
    const collector = yaml.load(read('docs/otel/collector.yaml')) as {
      receivers: { otlp?: { protocols?: { http?: { endpoint?: string } } } } & Record<string, unknown>;
      processors: Record<string, unknown>;
      exporters: { prometheus?: { endpoint?: string; resource_to_telemetry_conversion?: { enabled?: boolean } } } & Record<string, unknown>;
      service: { pipelines: Record<string, { receivers: string[]; processors?: string[]; exporters: string[] }> };
    };
    const pipelines = Object.entries(collector.service.pipelines);

    it('receives OTLP over HTTP on port 4318 from outside its container', () => {
      assert.equal(collector.receivers.otlp?.protocols?.http?.endpoint, '0.0.0.0:4318');
    });

    it('sends metrics from the OTLP receiver to the prometheus exporter, with the resource (the user label) as labels', () => {
      const metrics = pipelines.filter(([name, p]) => name.split('/')[0] === 'metrics' && p.receivers.includes('otlp'));
      assert.ok(metrics.some(([, p]) => p.exporters.includes('prometheus')), 'a metrics pipeline from otlp to prometheus');
      assert.equal(collector.exporters.prometheus?.resource_to_telemetry_conversion?.enabled, true);
    });

    it('has a logs pipeline from the OTLP receiver, for the per-call log records', () => {
      assert.ok(pipelines.some(([name, p]) => name.split('/')[0] === 'logs' && p.receivers.includes('otlp') && p.exporters.length > 0));
    });

    it('defines every component its pipelines name (the Collector refuses to start otherwise)', () => {
      for (const [name, p] of pipelines) {
        for (const r of p.receivers) assert.ok(r in collector.receivers, `${name}: receiver ${r}`);
        for (const r of p.processors ?? []) assert.ok(r in collector.processors, `${name}: processor ${r}`);
        for (const e of p.exporters) assert.ok(e in collector.exporters, `${name}: exporter ${e}`);
      }
    });

    it('is scraped by prometheus.yaml on the port its prometheus exporter listens on', () => {
      const prometheus = yaml.load(read('docs/otel/prometheus.yaml')) as { scrape_configs: { static_configs: { targets: string[] }[] }[] };
      const scraped = prometheus.scrape_configs.flatMap((job) => job.static_configs.flatMap((group) => group.targets));
      const port = collector.exporters.prometheus?.endpoint?.split(':').pop();
      assert.ok(port && scraped.some((target) => target.endsWith(`:${port}`)), `a target on :${port} in ${scraped.join(', ')}`);
    });
  });

  describe('grafana-dashboard.json', () => {
    it('queries only series Tandem exports, by labels those series carry', () => {
      assert.ok(targets.length > 0);
      for (const { panel, expr, legendFormat } of targets) {
        const { selectors, grouping } = parsePromQl(expr);
        assert.ok(selectors.length > 0, `${panel}: a metric in ${expr}`);
        for (const { metric, labels: used } of selectors) {
          const known = labels.get(metric);
          assert.ok(known, `${panel}: ${metric} is not a series Tandem exports (known: ${[...labels.keys()].join(', ')})`);
          for (const label of [...used, ...grouping]) assert.ok(known.has(label), `${panel}: ${metric} has no label ${label}`);
        }
        for (const [, label] of (legendFormat ?? '').matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
          assert.ok(grouping.includes(label), `${panel}: the legend names ${label}, which the query does not keep`);
        }
      }
    });

    it('fills its developer, task and model filters from labels Tandem exports', () => {
      const queries = dashboard.templating.list.filter((v) => v.type === 'query');
      assert.deepEqual(queries.map((v) => v.name).sort(), ['model', 'task', 'user']);
      for (const variable of queries) {
        const text = typeof variable.query === 'string' ? variable.query : (variable.query as { query: string }).query;
        const match = /^label_values\((\w+),\s*(\w+)\)$/.exec(text);
        assert.ok(match, `${variable.name}: ${text}`);
        assert.ok(labels.get(match[1])?.has(match[2]), `${variable.name}: ${match[1]} has no label ${match[2]}`);
      }
    });

    it('shows every instrument Tandem exports', () => {
      const used = new Set(targets.flatMap(({ expr }) => parsePromQl(expr).selectors.map((s) => s.metric)));
      for (const spec of Object.values(INSTRUMENTS)) {
        assert.ok(prometheusSeries(spec).some((series) => used.has(series)), `a panel shows ${spec.name}`);
      }
    });
  });
});

describe('docs/telemetry.md', () => {
  const page = read('docs/telemetry.md');

  it('names every exported metric with its Prometheus name, and every attribute on them', () => {
    for (const spec of Object.values(INSTRUMENTS)) {
      assert.ok(page.includes(`\`${spec.name}\``), `names ${spec.name}`);
      for (const series of prometheusSeries(spec)) assert.ok(page.includes(series), `names ${series}`);
    }
    for (const label of new Set([...seriesLabels().values()].flatMap((set) => [...set]))) {
      if (label === 'le' || label === 'job' || label === 'instance') continue;
      assert.ok(page.includes(label), `names the label ${label}`);
    }
  });

  it('names every setting and environment variable that turns the export on or shapes it', () => {
    for (const key of [...Object.values(SETTING), ...Object.values(ENV)]) assert.ok(page.includes(`\`${key}\``), `names ${key}`);
  });

  it('leads to the Collector config, the scrape config and the dashboard', () => {
    for (const file of ['otel/collector.yaml', 'otel/prometheus.yaml', 'otel/grafana-dashboard.json']) {
      assert.ok(page.includes(`](${file})`), `links ${file}`);
    }
  });
});
