import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deadLetterTopicOf, Topics } from '@saga/contracts';
import { signDevToken } from '@saga/service-kit';
import {
  createTestDatabase,
  createTopics,
  currentEndpoints,
  spawnService,
  uniqueId,
  type SpawnedService,
  type TestDatabase,
} from '@saga/test-harness';

const SECRET = 'explorer-process-test-secret';

/** The built service as `pnpm start` runs it (dist/main.js, env from the environment), and the rebuild command. */
describe('explorer process', () => {
  let database: TestDatabase;
  let explorer: SpawnedService | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase(join(__dirname, '..', 'prisma', 'migrations'));
    const prefix = `${uniqueId('exp')}.`;
    await createTopics(Object.values(Topics).flatMap((t) => [`${prefix}${t}`, `${prefix}${deadLetterTopicOf(t)}`]));
    env = {
      DATABASE_URL: database.url,
      KAFKA_TOPIC_PREFIX: prefix,
      AUTH_JWT_SECRET: SECRET,
      TRACING_ENABLED: 'false',
      JAEGER_UI_URL: 'http://jaeger.example:16686/',
    };
    explorer = await spawnService('explorer', env);
  });
  afterAll(async () => {
    await explorer?.stop();
    await database?.drop();
  });

  it('serves the bundled page, its config and the JWT-protected API', async () => {
    const page = await fetch(`${explorer!.url}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('/assets/app.js');
    const script = await fetch(`${explorer!.url}/assets/app.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await script.text()).length).toBeGreaterThan(5000);
    expect(await (await fetch(`${explorer!.url}/explorer/config`)).json()).toEqual({
      jaegerUiUrl: 'http://jaeger.example:16686',
    });
    expect((await fetch(`${explorer!.url}/sagas`)).status).toBe(401);
    const token = signDevToken({ sub: 'ops', role: 'admin', secret: SECRET });
    const sagas = await fetch(`${explorer!.url}/sagas`, { headers: { authorization: `Bearer ${token}` } });
    expect(await sagas.json()).toEqual({ items: [], nextCursor: null });
  });

  it('refuses to rebuild while running, and rebuilds once stopped', async () => {
    const rebuild = () =>
      promisify(execFile)(process.execPath, [join(__dirname, '..', 'dist', 'rebuild.js')], {
        env: { PATH: process.env.PATH, KAFKA_BROKERS: currentEndpoints().kafkaBrokers.join(','), ...env },
      });
    await expect(rebuild()).rejects.toMatchObject({ stderr: expect.stringMatching(/stop the explorer first/) });
    await explorer!.stop();
    explorer = undefined;
    const { stdout } = await rebuild();
    expect(stdout).toMatch(/deleted 1 consumer group\(s\)/);
  });
});
