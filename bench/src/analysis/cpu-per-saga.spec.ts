import type { RunResult } from '../report/result';
import { cpuPerSaga } from './cpu-per-saga';

describe('cpuPerSaga', () => {
  it('divides the CPU used inside the phase window by the sagas that ended in it', () => {
    const result = {
      phases: [{ name: '20/s', terminalPerSec: 20, durationSec: 2 }],
      phaseMarks: [
        { name: 'warmup', startSec: 0, endSec: 0 },
        { name: '20/s', startSec: 10, endSec: 12 },
      ],
      cpu: [
        { sec: 10, byProcess: { order: 99, kafka: 99 } }, // before the window: not counted
        { sec: 11, byProcess: { order: 40, kafka: 20 } },
        { sec: 12, byProcess: { order: 40, kafka: 20 } },
        { sec: 13, byProcess: { order: 99 } },
      ],
    } as unknown as RunResult;
    // 80 %·s of order = 800 CPU ms over 40 sagas
    expect(cpuPerSaga(result)).toEqual([
      {
        phase: '20/s',
        totalMs: 30,
        byProcess: [
          ['order', 20],
          ['kafka', 10],
        ],
      },
    ]);
  });

  it('skips phases in which no saga ended', () => {
    const result = {
      phases: [{ name: 'x', terminalPerSec: 0, durationSec: 10 }],
      phaseMarks: [{ name: 'x', startSec: 0, endSec: 10 }],
      cpu: [],
    } as unknown as RunResult;
    expect(cpuPerSaga(result)).toEqual([]);
  });
});
