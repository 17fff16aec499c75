import { leftoverCreatedAt } from './test-leftovers';

describe('leftoverCreatedAt', () => {
  it('reads the time out of the names the test harness and the bench make', () => {
    const at = Date.UTC(2026, 10, 27, 21, 0, 0);
    const id = `msg_${at.toString(36)}_72959b3b`;
    expect(leftoverCreatedAt(id)).toBe(at);
    expect(leftoverCreatedAt(`${id}.order.processing.dlq`)).toBe(at);
    expect(leftoverCreatedAt(`${id}.svc_${at.toString(36)}_56219ee4`)).toBe(at);
    expect(leftoverCreatedAt(`read-all_${at.toString(36)}_2e5639cc`)).toBe(at);
    expect(leftoverCreatedAt('bench.20261127210000-91286f')).toBe(at);
  });

  it('never takes the catalog topics or the services groups for leftovers', () => {
    for (const name of ['order.processing', 'order.payment.fail.dlq', 'coupon.issue.requested', 'order', 'explorer'])
      expect(leftoverCreatedAt(name)).toBeNull();
    expect(leftoverCreatedAt('__consumer_offsets')).toBeNull();
  });
});
