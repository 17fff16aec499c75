import request from 'supertest';
import { startUserTestEnv, type UserTestEnv } from './user-test-app';

/** HTTP rules of the user API: validation with field paths, 401/403, a customer sees only their own account. */
describe('user HTTP API', () => {
  let env: UserTestEnv;
  const http = () => request(env.app.getHttpServer());
  const bearer = (role: 'admin' | 'customer', sub?: string) => `Bearer ${env.token(role, sub)}`;

  beforeAll(async () => {
    env = await startUserTestEnv({ consumersEnabled: false });
    await http()
      .post('/users')
      .set('Authorization', bearer('admin'))
      .send({ id: 'ann', name: 'Ann', balance: 1000 })
      .expect(201);
    await http()
      .post('/users')
      .set('Authorization', bearer('admin'))
      .send({ id: 'bob', name: 'Bob', balance: 5 })
      .expect(201);
  });

  afterAll(async () => {
    await env?.close();
  });

  it('shows a customer their own account', async () => {
    const own = await http().get('/users/ann').set('Authorization', bearer('customer', 'ann')).expect(200);
    expect(own.body).toEqual({ id: 'ann', name: 'Ann', balance: 1000 });
  });

  it("answers 404 for another customer's account, as for one that does not exist", async () => {
    const hidden = await http().get('/users/bob').set('Authorization', bearer('customer', 'ann')).expect(404);
    expect(hidden.body.error).toBe('user_not_found');
    await http().get('/users/ghost').set('Authorization', bearer('customer', 'ghost-viewer')).expect(404);
  });

  it('lets an admin read any account and 404s unknown ones', async () => {
    expect((await http().get('/users/bob').set('Authorization', bearer('admin')).expect(200)).body.balance).toBe(5);
    await http().get('/users/ghost').set('Authorization', bearer('admin')).expect(404);
  });

  it('creates with a generated id, and 409s a taken id', async () => {
    const created = await http()
      .post('/users')
      .set('Authorization', bearer('admin'))
      .send({ name: 'Cy', balance: 0 })
      .expect(201);
    expect(created.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Cy', balance: 0 });
    const conflict = await http()
      .post('/users')
      .set('Authorization', bearer('admin'))
      .send({ id: 'ann', name: 'Other', balance: 1 })
      .expect(409);
    expect(conflict.body.error).toBe('user_exists');
  });

  it('tops up (admin only) and 404s an unknown user', async () => {
    const topped = await http()
      .post('/users/bob/top-up')
      .set('Authorization', bearer('admin'))
      .send({ amount: 95 })
      .expect(200);
    expect(topped.body).toEqual({ id: 'bob', name: 'Bob', balance: 100 });
    await http().post('/users/ghost/top-up').set('Authorization', bearer('admin')).send({ amount: 1 }).expect(404);
    await http()
      .post('/users/bob/top-up')
      .set('Authorization', bearer('customer', 'bob'))
      .send({ amount: 1 })
      .expect(403);
  });

  it('answers 401 without or with a bad token, 403 for a customer creating users', async () => {
    await http().get('/users/ann').expect(401);
    await http().get('/users/ann').set('Authorization', 'Bearer nope').expect(401);
    await http()
      .post('/users')
      .set('Authorization', bearer('customer', 'ann'))
      .send({ name: 'X', balance: 1 })
      .expect(403);
  });

  it('rejects invalid bodies with 400 and the field paths', async () => {
    const bad = await http()
      .post('/users')
      .set('Authorization', bearer('admin'))
      .send({ name: '', balance: -1 })
      .expect(400);
    expect(bad.body.error).toBe('validation_failed');
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['balance', 'name']);
    const badTopUp = await http()
      .post('/users/ann/top-up')
      .set('Authorization', bearer('admin'))
      .send({ amount: 0.5 })
      .expect(400);
    expect(badTopUp.body.issues.map((i: { path: string }) => i.path)).toEqual(['amount']);
    await http().post('/users/ann/top-up').set('Authorization', bearer('admin')).send({ amount: 0 }).expect(400);
    await http()
      .post('/users/ann/top-up')
      .set('Authorization', bearer('admin'))
      .set('Content-Type', 'application/json')
      .send('{"amount":')
      .expect(400);
  });

  it('reports ready when PostgreSQL and Kafka answer', async () => {
    expect(JSON.stringify((await http().get('/health/ready').expect(200)).body)).toContain('postgres');
  });
});
