import type { Redis } from 'ioredis';
import { CachedStatus, IssueAdmission, ReserveResult } from '../../application/ports';
import { AdmissionSnapshot } from '../../domain';
import { REBUILD, RECLAIM, RELEASE, RESERVE, RETURN_UNIT, SET_STATUS } from './admission-scripts';

/** The braces are a Redis Cluster hash tag: one coupon's keys live in one slot, as Lua requires. */
export function admissionKeys(couponId: string): [string, string, string] {
  const tag = `coupon:{${couponId}}`;
  return [`${tag}:remaining`, `${tag}:users`, `${tag}:status`];
}

export class RedisIssueAdmission implements IssueAdmission {
  constructor(private readonly redis: Redis) {}

  async reserve(couponId: string, userId: string): Promise<ReserveResult> {
    return (await this.eval(RESERVE, couponId, userId)) as ReserveResult;
  }

  async rebuild(snapshot: AdmissionSnapshot): Promise<void> {
    await this.eval(
      REBUILD,
      snapshot.couponId,
      String(snapshot.remaining),
      JSON.stringify(snapshot.users),
      JSON.stringify(snapshot.statuses),
    );
  }

  async release(couponId: string, userId: string, status: 'FAILED' | 'forget'): Promise<void> {
    await this.eval(RELEASE, couponId, userId, status);
  }

  async returnUnit(couponId: string): Promise<void> {
    await this.eval(RETURN_UNIT, couponId);
  }

  async reclaim(couponId: string, userId: string): Promise<void> {
    await this.eval(RECLAIM, couponId, userId);
  }

  async setStatus(couponId: string, userId: string, status: CachedStatus): Promise<void> {
    await this.eval(SET_STATUS, couponId, userId, status);
  }

  async statusOf(couponId: string, userId: string): Promise<CachedStatus | null> {
    const [remaining, , statuses] = admissionKeys(couponId);
    const [[, present], [, status]] = (await this.redis.multi().exists(remaining).hget(statuses, userId).exec()) as [
      [unknown, number],
      [unknown, CachedStatus | null],
    ];
    return present ? status : null;
  }

  /** EVAL with the script body; Redis caches compiled scripts by SHA, so this costs one round trip. */
  private eval(script: string, couponId: string, ...args: string[]): Promise<unknown> {
    return this.redis.eval(script, 3, ...admissionKeys(couponId), ...args);
  }
}
