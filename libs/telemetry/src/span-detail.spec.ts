import { z } from 'zod';
import { instrumentations } from './sdk';
import { tracingDetail } from './span-detail';

const parse = (value?: string) => z.object({ TRACING_DETAIL: tracingDetail() }).parse({ TRACING_DETAIL: value });

describe('TRACING_DETAIL', () => {
  it('defaults to the budget only', () => {
    expect(parse(undefined).TRACING_DETAIL).toEqual([]);
    expect(parse('none').TRACING_DETAIL).toEqual([]);
  });

  it('reads a comma-separated list, any case, and all', () => {
    expect(parse(' SQL, redis ,sql').TRACING_DETAIL).toEqual(['sql', 'redis']);
    expect(parse('all').TRACING_DETAIL).toEqual(['sql', 'redis', 'nest']);
  });

  it('refuses an unknown entry with its position', () => {
    const result = z.object({ TRACING_DETAIL: tracingDetail() }).safeParse({ TRACING_DETAIL: 'sql,statements' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['TRACING_DETAIL.1']);
  });
});

describe('instrumentations per detail', () => {
  const names = (detail: Parameters<typeof instrumentations>[0]) =>
    instrumentations(detail).map((instrumentation) => {
      instrumentation.disable(); // constructed enabled: unhook the module loader again
      return instrumentation.instrumentationName;
    });

  it('registers only http and express (route names) for the budget', () => {
    expect(names([])).toEqual(['@opentelemetry/instrumentation-http', '@opentelemetry/instrumentation-express']);
  });

  it('adds pg, ioredis and nest only when asked', () => {
    expect(names(['sql'])).toContain('@opentelemetry/instrumentation-pg');
    expect(names(['redis'])).toContain('@opentelemetry/instrumentation-ioredis');
    expect(names(['nest'])).toContain('@opentelemetry/instrumentation-nestjs-core');
    expect(names(['sql'])).not.toContain('@opentelemetry/instrumentation-ioredis');
  });
});
