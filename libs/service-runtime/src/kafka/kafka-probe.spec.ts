import type { Kafka } from 'kafkajs';
import { KafkaProbe } from './kafka-probe';

describe('KafkaProbe', () => {
  it('connects once, reconnects after a failure and disconnects on shutdown', async () => {
    const admin = {
      connect: jest.fn().mockRejectedValueOnce(new Error('ECONNREFUSED')).mockResolvedValue(undefined),
      listTopics: jest.fn().mockResolvedValue(['order.processing']),
      disconnect: jest.fn().mockResolvedValue(undefined),
    };
    const probe = new KafkaProbe({ admin: () => admin } as unknown as Kafka);

    await expect(probe.listTopics()).rejects.toThrow('ECONNREFUSED');
    await expect(probe.listTopics()).resolves.toEqual(['order.processing']);
    await probe.listTopics();
    expect(admin.connect).toHaveBeenCalledTimes(2);

    await probe.onApplicationShutdown();
    expect(admin.disconnect).toHaveBeenCalledTimes(1);
  });
});
