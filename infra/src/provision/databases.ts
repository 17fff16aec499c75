import { Client } from 'pg';
import { HOST, PORTS, POSTGRES } from '../config';

/** Role saga/saga (may create databases, for test databases) owning one database per service. */
export async function createServiceDatabases(): Promise<string[]> {
  const client = new Client({ host: HOST, port: PORTS.postgres, user: 'postgres', database: 'postgres' });
  await client.connect();
  const created: string[] = [];
  try {
    const role = await client.query('select 1 from pg_roles where rolname = $1', [POSTGRES.user]);
    if (role.rowCount === 0) {
      await client.query(`create role ${POSTGRES.user} login createdb password '${POSTGRES.password}'`);
    }
    for (const database of POSTGRES.databases) {
      const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
      if (exists.rowCount === 0) {
        await client.query(`create database ${database} owner ${POSTGRES.user}`);
        created.push(database);
      }
    }
    return created;
  } finally {
    await client.end();
  }
}
