import { logLevel } from 'kafkajs';
import pino from 'pino';
import { isRoutineRebalance, pinoLogCreator } from './kafka';

describe('kafkajs log creator', () => {
  it('logs heartbeat REBALANCE_IN_PROGRESS answers as routine (info), other errors as errors', () => {
    const lines: { level: number; msg: string }[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const log = pinoLogCreator(logger)();
    const entry = (level: logLevel, message: string, extra: Record<string, unknown> = {}) =>
      log({ namespace: 'Connection', level, label: 'ERROR', log: { timestamp: '', message, ...extra } });
    entry(logLevel.ERROR, '[Connection] Response Heartbeat(key: 12, version: 3)', {
      error: 'The group is rebalancing, so a rejoin is needed',
    });
    entry(logLevel.ERROR, 'Connection timeout');
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [30, '[Connection] Response Heartbeat(key: 12, version: 3)'],
      [50, 'Connection timeout'],
    ]);
  });

  it('recognises the rebalance and fencing answers only', () => {
    expect(isRoutineRebalance({ type: 'REBALANCE_IN_PROGRESS' })).toBe(true);
    expect(isRoutineRebalance({ error: 'CONCURRENT_TRANSACTIONS' })).toBe(true);
    expect(isRoutineRebalance({ message: 'Crash: KafkaJSNumberOfRetriesExceeded' })).toBe(false);
  });
});
