import { Client } from 'pg';
import { HOST, PORTS, POSTGRES } from '../config';

/**
 * Role saga/saga (may create databases, for test databases) owning one database per service (services.json).
 * SAGA_DATABASE_SUFFIX names a second set for a second copy of the platform (`SAGA_DATABASE_SUFFIX=_b npm start`).
 */
export async function createServiceDatabases(suffix = process.env.SAGA_DATABASE_SUFFIX ?? ''): Promise<string[]> {
  const client = new Client({ host: HOST, port: PORTS.postgres, user: 'postgres', database: 'postgres' });
  await client.connect();
  const created: string[] = [];
  try {
    const role = await client.query('select 1 from pg_roles where rolname = $1', [POSTGRES.user]);
    if (role.rowCount === 0) {
      await client.query(`create role ${POSTGRES.user} login createdb password '${POSTGRES.password}'`);
    }
    for (const database of POSTGRES.databases.map((name) => `${name}${suffix}`)) {
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
