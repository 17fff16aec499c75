import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { MetricCatalog, PROCESS_METRIC_PREFIXES } from '@saga/metrics';
import { REPO_ROOT, SERVICE_PORTS } from './config';

/**
 * Prometheus and Grafana cannot run here, so their provisioning is checked as data: the compose
 * mounts exist, Prometheus scrapes every service's /metrics, the dashboard uses the provisioned
 * datasource and only metrics of the catalog, and it charts what issue 14 asks for.
 */
const OBSERVABILITY = join(REPO_ROOT, 'infra', 'observability');
const yamlOf = (path: string) => parse(readFileSync(path, 'utf8'), { merge: true });

interface ComposeService {
  image?: string;
  volumes?: string[];
  depends_on?: string[];
}
const compose = yamlOf(join(REPO_ROOT, 'docker-compose.yml')) as { services: Record<string, ComposeService> };

interface Panel {
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: { expr: string; datasource?: { uid: string } }[];
}
const dashboard = JSON.parse(
  readFileSync(join(OBSERVABILITY, 'grafana', 'dashboards', 'saga-platform.json'), 'utf8'),
) as { uid: string; title: string; panels: Panel[] };
const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

/** Metric names an expression reads (identifiers followed by `[`, `{` or `)` that are not PromQL functions/labels). */
function metricNamesIn(expr: string): string[] {
  const withoutLabels = expr.replace(/\{[^}]*\}/g, '{}').replace(/by \([^)]*\)/g, '');
  return [...withoutLabels.matchAll(/([a-z_][a-z0-9_]*)\s*(?=[[{)])/g)].map((m) => m[1]);
}

const catalogSeries = new Set(
  Object.values(MetricCatalog).flatMap((spec) =>
    spec.type === 'histogram' ? ['_bucket', '_sum', '_count'].map((s) => spec.name + s) : [spec.name],
  ),
);

describe('observability provisioning (docker compose Prometheus + Grafana)', () => {
  it('mounts files that exist in the repository, read-only', () => {
    for (const name of ['prometheus', 'grafana']) {
      expect(compose.services[name].image).toBeDefined();
      for (const volume of compose.services[name].volumes ?? []) {
        const [source, , mode] = volume.split(':');
        expect(existsSync(join(REPO_ROOT, source))).toBe(true);
        expect(mode).toBe('ro');
      }
    }
  });

  it('Prometheus scrapes /metrics of every service on its port', () => {
    const config = yamlOf(join(OBSERVABILITY, 'prometheus.yml')) as {
      scrape_configs: { job_name: string; metrics_path?: string; static_configs: { targets: string[] }[] }[];
    };
    const jobs = Object.fromEntries(
      config.scrape_configs.map((job) => [job.job_name, job.static_configs.flatMap((s) => s.targets)]),
    );
    expect(jobs).toEqual(
      Object.fromEntries(Object.entries(SERVICE_PORTS).map(([name, port]) => [name, [`${name}:${port}`]])),
    );
    for (const job of config.scrape_configs) expect(job.metrics_path ?? '/metrics').toBe('/metrics');
    expect(compose.services.prometheus.depends_on).toEqual(expect.arrayContaining(Object.keys(SERVICE_PORTS)));
  });

  it('Grafana provisions the Prometheus datasource and the dashboard folder it mounts', () => {
    const datasources = yamlOf(join(OBSERVABILITY, 'grafana', 'provisioning', 'datasources', 'prometheus.yml')) as {
      datasources: { uid: string; type: string; url: string }[];
    };
    expect(datasources.datasources).toEqual([
      expect.objectContaining({ uid: 'prometheus', type: 'prometheus', url: 'http://prometheus:9090' }),
    ]);
    const providers = yamlOf(join(OBSERVABILITY, 'grafana', 'provisioning', 'dashboards', 'dashboards.yml')) as {
      providers: { options: { path: string } }[];
    };
    const mounted = (compose.services.grafana.volumes ?? []).map((v) => v.split(':')[1]);
    expect(mounted).toContain(providers.providers[0].options.path);
  });

  it('every dashboard query uses the provisioned datasource and only metrics that exist', () => {
    const panels = dashboard.panels.filter((p) => p.type !== 'row');
    expect(panels.length).toBeGreaterThan(10);
    for (const panel of panels) {
      expect(panel.datasource?.uid).toBe('prometheus');
      expect(panel.targets!.length).toBeGreaterThan(0);
    }
    const used = exprs.flatMap(metricNamesIn);
    const unknown = used.filter(
      (name) => !catalogSeries.has(name) && !PROCESS_METRIC_PREFIXES.some((prefix) => name.startsWith(prefix)),
    );
    expect(unknown).toEqual([]);
  });

  it('charts throughput, errors, latency, consumers, outbox age, sagas by reason and coupon issuance', () => {
    const charted = new Set(exprs.flatMap(metricNamesIn).map((name) => name.replace(/_(bucket|sum|count)$/, '')));
    for (const spec of Object.values(MetricCatalog))
      expect({ metric: spec.name, charted: charted.has(spec.name) }).toEqual({ metric: spec.name, charted: true });
    expect(exprs.some((e) => e.includes('status_class="5xx"'))).toBe(true);
    expect(exprs.some((e) => /sum by \(reason\) \(increase\(order_sagas_cancelled_total/.test(e))).toBe(true);
  });
});
