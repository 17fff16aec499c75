import { DeadLetterNotFoundError, DeadLetterNotReplayableError } from '../../domain/errors';
import type { DeadLetterPublisher, DeadLetterReadModel, DeadLetterView } from '../ports/dead-letters';
import type { ProjectionTx, ProjectionUnitOfWork } from '../ports/projection-unit-of-work';
import { ReplayDeadLetterUseCase } from './replay-dead-letter.use-case';

const letter = (originalTopic: string | null): DeadLetterView => ({
  id: 'order.payment.dlq:0:1',
  deadLetterTopic: 'order.payment.dlq',
  partition: 0,
  offset: '1',
  originalTopic,
  originalPartition: 2,
  originalOffset: '5',
  consumerGroup: 'user.DebitBalanceOnPaymentRequested',
  error: 'boom',
  attempts: 5,
  failedAt: null,
  eventId: null,
  eventType: null,
  orderId: 'o-1',
  key: null,
  value: null,
  headers: {},
  recordedAt: new Date(),
  replays: [],
});

function setup(stored: DeadLetterView | null, publishFails = false) {
  const replays: unknown[] = [];
  const published: string[] = [];
  const readModel: DeadLetterReadModel = { list: async () => [], find: async () => stored };
  const publisher: DeadLetterPublisher = {
    preview: (l) => (l.originalTopic ? { topic: l.originalTopic, key: null, headers: {}, value: null } : null),
    publish: async (l) => {
      if (publishFails) throw new Error('broker down');
      published.push(l.id);
    },
  };
  const uow: ProjectionUnitOfWork = {
    run: async (work) => {
      const pending: unknown[] = [];
      const tx = {
        deadLetters: { recordReplay: async (r: unknown) => void pending.push(r) },
      } as unknown as ProjectionTx;
      const result = await work(tx);
      replays.push(...pending);
      return result;
    },
  };
  const clock = () => new Date('2026-11-01T10:00:00Z');
  return { useCase: new ReplayDeadLetterUseCase(readModel, publisher, uow, clock), replays, published };
}

describe('ReplayDeadLetterUseCase', () => {
  it('previews without publishing or recording by default', async () => {
    const { useCase, replays, published } = setup(letter('order.payment'));
    await expect(useCase.execute({ id: 'x', execute: false, replayedBy: 'root' })).resolves.toMatchObject({
      executed: false,
      message: { topic: 'order.payment' },
    });
    expect([replays, published]).toEqual([[], []]);
  });

  it('publishes and records who and when once executed; a failed publish records nothing', async () => {
    const { useCase, replays, published } = setup(letter('order.payment'));
    await useCase.execute({ id: 'x', execute: true, replayedBy: 'root' });
    expect(published).toEqual(['order.payment.dlq:0:1']);
    expect(replays).toEqual([
      {
        deadLetterId: 'order.payment.dlq:0:1',
        replayedBy: 'root',
        replayedAt: new Date('2026-11-01T10:00:00Z'),
        targetTopic: 'order.payment',
      },
    ]);
    const failing = setup(letter('order.payment'), true);
    await expect(failing.useCase.execute({ id: 'x', execute: true, replayedBy: 'root' })).rejects.toThrow(
      'broker down',
    );
    expect(failing.replays).toEqual([]);
  });

  it('refuses unknown dead letters and ones without an original topic', async () => {
    await expect(setup(null).useCase.execute({ id: 'x', execute: false, replayedBy: 'r' })).rejects.toBeInstanceOf(
      DeadLetterNotFoundError,
    );
    await expect(
      setup(letter(null)).useCase.execute({ id: 'x', execute: true, replayedBy: 'r' }),
    ).rejects.toBeInstanceOf(DeadLetterNotReplayableError);
  });
});
