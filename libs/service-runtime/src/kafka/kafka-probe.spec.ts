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
