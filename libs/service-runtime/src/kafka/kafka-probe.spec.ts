import type { Kafka } from 'kafkajs';
import { KafkaProbe } from './kafka-probe';

describe('KafkaProbe', () => {
  it('connects once, reconnects after a failure and disconnects on shutdown', async () => {
    const admin = {
      connect: jest.fn().mockRejectedValueOnce(new Error('ECONNREFUSED')).mockResolvedValue(undefined),
      describeCluster: jest.fn().mockResolvedValue({ brokers: [{ nodeId: 1 }] }),
      disconnect: jest.fn().mockResolvedValue(undefined),
    };
    const probe = new KafkaProbe({ admin: () => admin } as unknown as Kafka);

    await expect(probe.describeCluster()).rejects.toThrow('ECONNREFUSED');
    await expect(probe.describeCluster()).resolves.toEqual({ brokers: [{ nodeId: 1 }] });
    await probe.describeCluster();
    expect(admin.connect).toHaveBeenCalledTimes(2);

    await probe.onApplicationShutdown();
    expect(admin.disconnect).toHaveBeenCalledTimes(1);
  });
});

describe('KafkaProbe under frequent polling', () => {
  it('sends one request for callers that arrive while one is in flight, a new one after it answered', async () => {
    let answer: (value: unknown) => void = () => undefined;
    const admin = {
      connect: jest.fn().mockResolvedValue(undefined),
      describeCluster: jest.fn(() => new Promise((resolve) => (answer = resolve))),
      disconnect: jest.fn().mockResolvedValue(undefined),
    };
    const probe = new KafkaProbe({ admin: () => admin } as unknown as Kafka);

    const waiting = [probe.describeCluster(), probe.describeCluster(), probe.describeCluster()];
    await new Promise((resolve) => setImmediate(resolve));
    answer({ brokers: [{ nodeId: 1 }] });
    await expect(Promise.all(waiting)).resolves.toEqual(Array(3).fill({ brokers: [{ nodeId: 1 }] }));
    expect(admin.describeCluster).toHaveBeenCalledTimes(1);

    const next = probe.describeCluster();
    await new Promise((resolve) => setImmediate(resolve));
    answer({ brokers: [] });
    await expect(next).resolves.toEqual({ brokers: [] });
    expect(admin.describeCluster).toHaveBeenCalledTimes(2);
  });

  it('shares a failure too, and the next call probes again', async () => {
    const admin = {
      connect: jest.fn().mockResolvedValue(undefined),
      describeCluster: jest.fn().mockRejectedValueOnce(new Error('Connection timeout')).mockResolvedValue({}),
      disconnect: jest.fn().mockResolvedValue(undefined),
    };
    const probe = new KafkaProbe({ admin: () => admin } as unknown as Kafka);

    const results = await Promise.allSettled([probe.describeCluster(), probe.describeCluster()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(probe.describeCluster()).resolves.toEqual({});
    expect(admin.describeCluster).toHaveBeenCalledTimes(2);
    expect(admin.connect).toHaveBeenCalledTimes(2);
  });
});
