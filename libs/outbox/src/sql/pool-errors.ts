import type { Pool } from 'pg';

/**
 * A pg `Pool` only listens for errors of *idle* clients: a client checked out with `pool.connect()`
 * (an open transaction) has no 'error' listener, so a server restart or a cut connection while it is
 * checked out emits an unhandled 'error' and ends the process. Every client gets a permanent listener
 * here; the failed query still rejects (and the transaction releases the client as broken), the pool
 * drops dead idle clients, and the next checkout opens a new connection once the server is back.
 */
export function handlePoolErrors(pool: Pool, onError: (error: Error) => void = () => undefined): Pool {
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}
