import { useEffect, useState } from 'preact/hooks';
import { api, type DeadLetter, type ReplayOutcome } from './api';

/** Every dead letter, newest first; preview shows what a replay would publish, Replay publishes it. */
export function DeadLettersTab({ token }: { token: string }) {
  const [letters, setLetters] = useState<DeadLetter[]>([]);
  const [error, setError] = useState('');
  const [outcome, setOutcome] = useState<{ id: string; result: ReplayOutcome } | null>(null);

  const load = async () => {
    try {
      const page = await api<{ items: DeadLetter[] }>(token, '/dead-letters?limit=100');
      setLetters(page.items);
      setError('');
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 5000);
    return () => clearInterval(timer);
  }, [token]);

  const replay = async (id: string, execute: boolean) => {
    try {
      const result = await api<ReplayOutcome>(
        token,
        `/dead-letters/${encodeURIComponent(id)}/replay${execute ? '?execute=true' : ''}`,
        { method: 'POST' },
      );
      setOutcome({ id, result });
      if (execute) await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div>
      {error && <p class="error">{error}</p>}
      <table data-testid="dead-letter-list">
        <thead>
          <tr>
            <th>event</th>
            <th>order</th>
            <th>original topic / partition / offset</th>
            <th>consumer group</th>
            <th>reason</th>
            <th>replays</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {letters.map((letter) => (
            <tr key={letter.id} data-testid="dead-letter-row" data-id={letter.id} data-order-id={letter.orderId ?? ''}>
              <td>{letter.eventType ?? '(unreadable)'}</td>
              <td>{letter.orderId ?? ''}</td>
              <td>
                {letter.originalTopic} / {letter.originalPartition} / {letter.originalOffset}
              </td>
              <td>{letter.consumerGroup}</td>
              <td class="error">{letter.error}</td>
              <td data-testid="replays">
                {letter.replays
                  .map((r) => `replayed by ${r.replayedBy} at ${new Date(r.replayedAt).toISOString()}`)
                  .join('; ')}
              </td>
              <td>
                <button data-testid="preview" onClick={() => void replay(letter.id, false)}>
                  Preview
                </button>{' '}
                <button data-testid="replay" onClick={() => void replay(letter.id, true)}>
                  Replay
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {outcome && (
        <div class="panel" data-testid="replay-outcome" data-executed={String(outcome.result.executed)}>
          <h3>
            {outcome.result.executed
              ? `Replayed to ${outcome.result.message.topic} by ${outcome.result.replayedBy}`
              : `Dry run: would publish to ${outcome.result.message.topic}`}
          </h3>
          <pre>{JSON.stringify(outcome.result.message, null, 2)}</pre>
        </div>
      )}
    </div>
  );
}
