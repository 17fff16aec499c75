import request from 'supertest';
import { startProductTestEnv, type ProductTestEnv } from './product-test-app';

/** HTTP rules of the product API: validation with field paths, 401/403/404/409, pagination. */
describe('product HTTP API', () => {
  let env: ProductTestEnv;
  let admin: string;
  let customer: string;
  const http = () => request(env.app.getHttpServer());

  beforeAll(async () => {
    env = await startProductTestEnv({ consumersEnabled: false });
    admin = `Bearer ${env.token('admin')}`;
    customer = `Bearer ${env.token('customer')}`;
  });

  afterAll(async () => {
    await env?.close();
  });

  it('creates (admin) and reads (any authenticated user) a product', async () => {
    const created = await http()
      .post('/products')
      .set('Authorization', admin)
      .send({ id: 'pen', name: 'Pen', price: 250, stock: 10 })
      .expect(201);
    expect(created.body).toEqual({ id: 'pen', name: 'Pen', price: 250, stock: 10 });
    const read = await http().get('/products/pen').set('Authorization', customer).expect(200);
    expect(read.body).toEqual({ id: 'pen', name: 'Pen', price: 250, stock: 10 });
  });

  it('generates an id when none is given', async () => {
    const created = await http()
      .post('/products')
      .set('Authorization', admin)
      .send({ name: 'Cup', price: 900, stock: 1 })
      .expect(201);
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 409 for an existing id and leaves the product unchanged', async () => {
    await http()
      .post('/products')
      .set('Authorization', admin)
      .send({ id: 'dupe', name: 'First', price: 1, stock: 1 })
      .expect(201);
    const conflict = await http()
      .post('/products')
      .set('Authorization', admin)
      .send({ id: 'dupe', name: 'Second', price: 2, stock: 2 })
      .expect(409);
    expect(conflict.body.error).toBe('product_exists');
    expect((await http().get('/products/dupe').set('Authorization', admin)).body.name).toBe('First');
  });

  it('rejects invalid bodies with 400 and the field paths', async () => {
    const bad = await http()
      .post('/products')
      .set('Authorization', admin)
      .send({ name: '', price: 1.5, stock: -1, colour: 'red' })
      .expect(400);
    expect(bad.body.error).toBe('validation_failed');
    const paths = bad.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'price', 'stock']));
    expect(bad.body.issues.some((i: { message: string }) => i.message.includes('colour'))).toBe(true);

    const badPatch = await http().patch('/products/pen').set('Authorization', admin).send({ restock: 0 }).expect(400);
    expect(badPatch.body.issues.map((i: { path: string }) => i.path)).toEqual(['restock']);
    await http().patch('/products/pen').set('Authorization', admin).send({}).expect(400);
    await http().get('/products?limit=0').set('Authorization', admin).expect(400);
  });

  it('answers 401 without or with a bad token, 403 for a customer writing', async () => {
    await http().get('/products/pen').expect(401);
    await http().get('/products/pen').set('Authorization', 'Bearer not-a-token').expect(401);
    await http().post('/products').set('Authorization', customer).send({ name: 'X', price: 1, stock: 1 }).expect(403);
    await http().patch('/products/pen').set('Authorization', customer).send({ price: 1 }).expect(403);
    await http().get('/products/pen/sales').set('Authorization', customer).expect(403);
  });

  it('answers 404 for unknown products on read, update and sales', async () => {
    expect((await http().get('/products/ghost').set('Authorization', customer).expect(404)).body.error).toBe(
      'product_not_found',
    );
    await http().patch('/products/ghost').set('Authorization', admin).send({ price: 1 }).expect(404);
    await http().get('/products/ghost/sales').set('Authorization', admin).expect(404);
  });

  it('updates name/price and restocks by adding units', async () => {
    await http()
      .post('/products')
      .set('Authorization', admin)
      .send({ id: 'ink', name: 'Ink', price: 100, stock: 3 })
      .expect(201);
    const updated = await http()
      .patch('/products/ink')
      .set('Authorization', admin)
      .send({ name: 'Blue ink', restock: 2 })
      .expect(200);
    expect(updated.body).toEqual({ id: 'ink', name: 'Blue ink', price: 100, stock: 5 });
  });

  it('pages through all products by cursor', async () => {
    for (const id of ['page-1', 'page-2', 'page-3']) {
      await http().post('/products').set('Authorization', admin).send({ id, name: id, price: 1, stock: 1 }).expect(201);
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const query: Record<string, string> = after ? { limit: '2', after } : { limit: '2' };
      const page = await http().get('/products').query(query).set('Authorization', customer).expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((p: { id: string }) => p.id));
      after = page.body.nextCursor;
    } while (after);
    const all = (await env.db.query('SELECT id FROM product ORDER BY id')).rows.map((r) => r.id);
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThanOrEqual(7);
  });

  it('reports ready when PostgreSQL and Kafka answer', async () => {
    const ready = await http().get('/health/ready').expect(200);
    expect(JSON.stringify(ready.body)).toContain('kafka');
  });
});
