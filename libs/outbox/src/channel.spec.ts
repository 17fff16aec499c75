import { notifyChannelOf } from './channel';

describe('notifyChannelOf', () => {
  it('is outbox_<service>', () => {
    expect(notifyChannelOf('order')).toBe('outbox_order');
    expect(notifyChannelOf('order-svc')).toBe('outbox_order_svc');
  });

  it('refuses names that would need quoting', () => {
    expect(() => notifyChannelOf('Order"; DROP')).toThrow(/lowercase/);
  });
});
