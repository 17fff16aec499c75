import { useEffect, useState } from 'preact/hooks';
import { api, type SagaSummary, type SagaTimeline } from './api';
import { TimelineDiagram } from './timeline-diagram';

interface Filters {
  state: string;
  failureReason: string;
  userId: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { state: '', failureReason: '', userId: '', from: '', to: '' };
const POLL_MS = 2000;

function queryOf(filters: Filters, cursor?: string): string {
  const params = new URLSearchParams();
  if (filters.state) params.set('state', filters.state);
  if (filters.failureReason) params.set('failureReason', filters.failureReason);
  if (filters.userId) params.set('userId', filters.userId);
  if (filters.from) params.set('from', new Date(filters.from).toISOString());
  if (filters.to) params.set('to', new Date(filters.to).toISOString());
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

export function StateBadge({ state }: { state: string }) {
  return <span class={`state state-${state}`}>{state}</span>;
}

/**
 * The first page polls every 2 s, so new sagas appear and sagas in flight progress live; once older pages are
 * loaded the list holds still until the filters change.
 */
export function SagasTab({ token, jaegerUiUrl }: { token: string; jaegerUiUrl: string }) {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [sagas, setSagas] = useState<SagaSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [paged, setPaged] = useState(false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (paged) return;
    const load = async () => {
      try {
        const page = await api<{ items: SagaSummary[]; nextCursor: string | null }>(
          token,
          `/sagas?${queryOf(filters)}`,
        );
        if (stopped) return;
        setSagas(page.items);
        setNextCursor(page.nextCursor);
        setError('');
        timer = setTimeout(load, POLL_MS);
      } catch (e) {
        if (!stopped) setError((e as Error).message);
        if (!stopped) timer = setTimeout(load, POLL_MS);
      }
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [token, filters, paged]);

  const loadMore = async () => {
    if (!nextCursor) return;
    setPaged(true);
    const page = await api<{ items: SagaSummary[]; nextCursor: string | null }>(
      token,
      `/sagas?${queryOf(filters, nextCursor)}`,
    );
    setSagas([...sagas, ...page.items]);
    setNextCursor(page.nextCursor);
  };
  const field = (name: keyof Filters) => ({
    value: draft[name],
    onInput: (e: Event) => setDraft({ ...draft, [name]: (e.target as HTMLInputElement).value }),
  });

  return (
    <div class="columns">
      <section>
        <form
          class="filters"
          data-testid="saga-filters"
          onSubmit={(e) => {
            e.preventDefault();
            setPaged(false);
            setFilters(draft);
          }}
        >
          <label>
            State
            <select data-testid="filter-state" {...field('state')}>
              <option value="">any</option>
              <option>IN_FLIGHT</option>
              <option>COMPLETED</option>
              <option>CANCELLED</option>
              <option>OVERDUE</option>
            </select>
          </label>
          <label>
            Failure reason
            <input data-testid="filter-reason" {...field('failureReason')} />
          </label>
          <label>
            User
            <input data-testid="filter-user" {...field('userId')} />
          </label>
          <label>
            From
            <input type="datetime-local" {...field('from')} />
          </label>
          <label>
            To
            <input type="datetime-local" {...field('to')} />
          </label>
          <button type="submit" data-testid="apply-filters">
            Apply
          </button>
        </form>
        {error && <p class="error">{error}</p>}
        <table data-testid="saga-list">
          <thead>
            <tr>
              <th>order</th>
              <th>user</th>
              <th>state</th>
              <th>reason</th>
              <th>started</th>
              <th>events</th>
            </tr>
          </thead>
          <tbody>
            {sagas.map((saga) => (
              <tr
                key={saga.orderId}
                class={`clickable ${selected === saga.orderId ? 'selected' : ''}`}
                data-testid="saga-row"
                data-order-id={saga.orderId}
                onClick={() => setSelected(saga.orderId)}
              >
                <td>{saga.orderId}</td>
                <td>{saga.userId ?? '?'}</td>
                <td>
                  <StateBadge state={saga.status ?? saga.state} />
                </td>
                <td>{saga.failureReason ?? ''}</td>
                <td>{new Date(saga.startedAt).toLocaleString()}</td>
                <td>{saga.eventCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {nextCursor && (
          <button data-testid="load-more" onClick={() => void loadMore()}>
            Older sagas
          </button>
        )}
      </section>
      <section>{selected && <SagaDetail token={token} orderId={selected} jaegerUiUrl={jaegerUiUrl} />}</section>
    </div>
  );
}

/** One saga's timeline; refreshed while it is in flight. */
function SagaDetail({ token, orderId, jaegerUiUrl }: { token: string; orderId: string; jaegerUiUrl: string }) {
  const [saga, setSaga] = useState<SagaTimeline | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const loaded = await api<SagaTimeline>(token, `/sagas/${encodeURIComponent(orderId)}`);
        if (stopped) return;
        setSaga(loaded);
        setError('');
        if (loaded.state === 'IN_FLIGHT') timer = setTimeout(load, POLL_MS);
      } catch (e) {
        if (!stopped) setError((e as Error).message);
      }
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [token, orderId]);
  if (error) return <p class="error">{error}</p>;
  if (!saga) return <p>loading…</p>;
  const traceUrl = saga.traceId && jaegerUiUrl ? `${jaegerUiUrl}/trace/${saga.traceId}` : saga.traceUrl;
  return (
    <div class="panel" data-testid="saga-detail" data-order-id={saga.orderId}>
      <h2>
        {saga.orderId} <StateBadge state={saga.state} />
      </h2>
      <p>
        user {saga.userId ?? '?'}
        {saga.failureReason && (
          <>
            {' '}
            · cancelled: <strong data-testid="failure-reason">{saga.failureReason}</strong>
          </>
        )}
        {traceUrl && (
          <>
            {' '}
            ·{' '}
            <a href={traceUrl} target="_blank" rel="noreferrer" data-testid="trace-link">
              trace in Jaeger
            </a>
          </>
        )}
      </p>
      <TimelineDiagram events={saga.events} />
      <table data-testid="timeline-table">
        <thead>
          <tr>
            <th>#</th>
            <th>time</th>
            <th>event</th>
            <th>service</th>
            <th>topic</th>
            <th>note</th>
          </tr>
        </thead>
        <tbody>
          {saga.events.map((event, index) => (
            <tr key={index} data-testid="timeline-row" data-kind={event.kind}>
              <td>{index + 1}</td>
              <td>{new Date(event.occurredAt).toISOString().slice(11, 23)}</td>
              <td>{event.eventType}</td>
              <td>{event.service}</td>
              <td>{event.topic}</td>
              <td>
                {event.compensation && `compensation by ${event.compensatedBy.join(', ')}`}
                {event.failureReason && ` (${event.failureReason})`}
                {event.error && <span class="error">{event.error}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
