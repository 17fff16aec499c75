import { describeServiceNodes, nodeVersionOf } from './service-runtimes';

describe('service runtimes', () => {
  it('reads the version from prom-client output', () => {
    const text = [
      '# HELP nodejs_version_info Node.js version info.',
      '# TYPE nodejs_version_info gauge',
      'nodejs_version_info{version="v24.21.0",major="24",minor="21",patch="0",service="order"} 1',
    ].join('\n');
    expect(nodeVersionOf(text)).toBe('v24.21.0');
    expect(nodeVersionOf('process_cpu_seconds_total 1')).toBeUndefined();
  });

  it('names one release once and mixed releases per service', () => {
    expect(describeServiceNodes({ order: 'v24.21.0', user: 'v24.21.0' })).toBe('v24.21.0');
    expect(describeServiceNodes({ order: 'v24.21.0', user: 'v20.19.0' })).toBe('order v24.21.0, user v20.19.0');
  });
});
