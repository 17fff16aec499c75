import { LoadOptions, parseArgs, parseOptions, SweepOptions } from './options';

describe('bench options', () => {
  it('parses kebab-case flags, inline values and positionals', () => {
    expect(parseArgs(['fixed', '--rate', '80', '--step-duration=120', '--label', 'tracing=off', 'x.json'])).toEqual({
      positionals: ['fixed', 'x.json'],
      flags: { rate: '80', stepDuration: '120', label: 'tracing=off' },
    });
  });

  it('fills defaults and coerces numbers', () => {
    const o = parseOptions(SweepOptions, { rate: '80', stepDuration: '120' });
    expect(o).toMatchObject({ rate: 80, stepDuration: 120, duration: 60, start: 50, couponShare: 0.5 });
  });

  it('names the offending flag when a value is invalid', () => {
    expect(() => parseOptions(LoadOptions, { rate: '-3' })).toThrow(/--rate/);
    expect(() => parseOptions(LoadOptions, { couponShare: '2' })).toThrow(/--couponShare/);
  });
});
