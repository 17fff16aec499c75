import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MetricCatalog, MetricSpec } from './catalog';

const specs: MetricSpec[] = Object.values(MetricCatalog);
const SNAKE = /^[a-z][a-z0-9_]*$/;

describe('metric catalog', () => {
  it('has unique names', () => {
    const names = specs.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(specs.map((s) => [s.name, s] as const))('%s follows the Prometheus naming conventions', (_name, spec) => {
    expect(spec.name).toMatch(SNAKE);
    if (spec.type === 'counter') expect(spec.name).toMatch(/_total$/);
    else expect(spec.name).not.toMatch(/_total$/);
    if (spec.type === 'histogram') {
      expect(spec.name).toMatch(/_seconds$/);
      expect(spec.buckets!.length).toBeGreaterThan(3);
      expect([...spec.buckets!].sort((a, b) => a - b)).toEqual(spec.buckets);
    }
    // base units only: seconds, never milliseconds
    expect(spec.name).not.toMatch(/_(ms|milliseconds|minutes)(_|$)/);
    expect(spec.help.length).toBeGreaterThan(10);
    for (const label of spec.labels) {
      expect(label).toMatch(SNAKE);
      // the registry adds it to every series; ids would explode the cardinality
      expect(label).not.toBe('service');
      expect(label).not.toMatch(/(^|_)(id|path|user|order)$/);
    }
  });

  it('is exactly the table in docs/metrics.md (name, type, labels)', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'metrics.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Catalog'), doc.indexOf('\n## ', doc.indexOf('## Catalog')));
    const rows = section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|').map((cell) => cell.trim()))
      .map(([, name, type, labels]) => ({
        name: name.replace(/`/g, ''),
        type,
        labels: labels ? labels.split(',').map((l) => l.trim().replace(/`/g, '')) : [],
      }));
    expect(rows).toEqual(specs.map(({ name, type, labels }) => ({ name, type, labels: [...labels] })));
  });
});
