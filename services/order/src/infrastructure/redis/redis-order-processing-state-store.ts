import type Redis from 'ioredis';
import {
  BranchArrival,
  BranchArrivalResult,
  OrderProcessingStateStore,
} from '../../application/ports/order-processing-state-store';
import { RECORD_ARRIVAL_LUA } from './record-arrival.lua';

type RedisWithRecordArrival = Redis & {
  orderRecordArrival(key: string, ...args: string[]): Promise<[number, number]>;
};

/** Redis implementation of the aggregation state: one Lua script, so record + check is atomic. */
export class RedisOrderProcessingStateStore implements OrderProcessingStateStore {
  private readonly redis: RedisWithRecordArrival;

  constructor(
    redis: Redis,
    private readonly ttlSeconds: number,
    private readonly keyPrefix = 'order:processing:',
  ) {
    redis.defineCommand('orderRecordArrival', { numberOfKeys: 1, lua: RECORD_ARRIVAL_LUA });
    this.redis = redis as RedisWithRecordArrival;
  }

  async recordArrival(arrival: BranchArrival): Promise<BranchArrivalResult> {
    const [complete, rebuilt] = await this.redis.orderRecordArrival(
      this.keyPrefix + arrival.orderId,
      arrival.branch,
      String(this.ttlSeconds),
      arrival.required.join(','),
      ...arrival.durablyArrived,
    );
    return { complete: complete === 1, rebuilt: rebuilt === 1 };
  }
}
