import { execFile } from 'node:child_process';
import { Client } from 'pg';
import { Fleet, ServiceInstance, ServiceName } from './fleet';

/**
 * Which instance's relay publishes a service's outbox right now. Today the leader is the session holding the
 * relay's advisory lock (application_name `outbox-relay:<service>`); the session's client port leads to the
 * process through `ss`. If leadership moves to a lease table, only this function changes.
 */
export async function findRelayLeader(
  postgresUrl: string,
  fleet: Fleet,
  service: ServiceName,
): Promise<ServiceInstance | undefined> {
  const client = new Client({ connectionString: `${postgresUrl}/postgres`, application_name: 'fault-suite' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ client_port: number }>(
      `SELECT a.client_port FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = $1`,
      [`outbox-relay:${service}`],
    );
    for (const row of rows) {
      const pid = await pidOwningLocalPort(row.client_port);
      const instance = pid === undefined ? undefined : fleet.byPid(pid);
      if (instance) return instance;
    }
    return undefined;
  } finally {
    await client.end();
  }
}

function pidOwningLocalPort(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    execFile('ss', ['-tnpH', 'state', 'established', `( sport = :${port} )`], (error, stdout) => {
      if (error) return resolve(undefined);
      const match = /pid=(\d+)/.exec(stdout);
      resolve(match ? Number(match[1]) : undefined);
    });
  });
}
