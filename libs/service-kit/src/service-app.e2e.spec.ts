import { Controller, Get, INestApplication, Module, Post } from '@nestjs/common';
import request from 'supertest';
import { z } from 'zod';
import { AuthUser } from './auth/auth-user';
import { AuthModule } from './auth/auth.module';
import { CurrentUser, Public, Roles } from './auth/decorators';
import { signDevToken } from './auth/tokens';
import { createServiceApp } from './bootstrap';
import { HealthModule } from './health/health.module';
import { NotFoundError } from './http/http-errors';
import { ZodBody } from './http/validation';
import { createLogger } from './logging/logger';

const secret = 'e2e-secret-0123456789abcdef';
const CreateOrder = z.object({
  items: z.array(z.object({ productId: z.string().min(1), quantity: z.number().int().positive() })).min(1),
});

@Controller('orders')
class OrdersController {
  @Post()
  create(@ZodBody(CreateOrder) body: z.infer<typeof CreateOrder>, @CurrentUser() user: AuthUser) {
    return { userId: user.id, lines: body.items.length };
  }

  @Get('missing')
  missing() {
    throw new NotFoundError('order not found');
  }

  @Get('boom')
  boom() {
    throw new Error('db password is hunter2');
  }

  @Roles('admin')
  @Get('admin')
  admin() {
    return { ok: true };
  }

  @Public()
  @Get('public')
  open() {
    return { ok: true };
  }
}

let dbUp = true;

@Module({
  imports: [
    AuthModule.forRoot({ secret }),
    HealthModule.forRoot([
      { name: 'postgres', check: async () => (dbUp ? undefined : Promise.reject(new Error('down'))) },
    ]),
  ],
  controllers: [OrdersController],
})
class TestAppModule {}

describe('service app conventions (HTTP e2e)', () => {
  let app: INestApplication;
  const customer = `Bearer ${signDevToken({ sub: 'user-1', role: 'customer', secret })}`;
  const admin = `Bearer ${signDevToken({ sub: 'admin-1', role: 'admin', secret })}`;

  beforeAll(async () => {
    app = await createServiceApp({
      module: TestAppModule,
      service: 'test',
      logger: createLogger({ service: 'test', level: 'silent' }),
      bodyLimit: '1kb',
    });
    await app.init();
  });
  afterAll(() => app.close());

  it('health is public; ready reports per check and 503 when one is down', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
    await request(app.getHttpServer()).get('/health/ready').expect(200);
    dbUp = false;
    const res = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(res.body).toEqual({ status: 'unavailable', checks: { postgres: { status: 'down', error: 'down' } } });
    dbUp = true;
  });

  it('401 without or with a bad token, 403 with the wrong role, 200 otherwise', async () => {
    const server = app.getHttpServer();
    await request(server).get('/orders/admin').expect(401);
    await request(server).get('/orders/admin').set('authorization', 'Bearer not-a-jwt').expect(401);
    const foreign = `Bearer ${signDevToken({ sub: 'x', role: 'admin', secret: 'some-other-secret-123456' })}`;
    await request(server).get('/orders/admin').set('authorization', foreign).expect(401);
    await request(server).get('/orders/admin').set('authorization', customer).expect(403);
    await request(server).get('/orders/admin').set('authorization', admin).expect(200, { ok: true });
    await request(server).get('/orders/public').expect(200);
  });

  it('400 with the field path for an invalid body; the user comes from the token', async () => {
    const server = app.getHttpServer();
    const bad = await request(server)
      .post('/orders')
      .set('authorization', customer)
      .send({ items: [{ productId: 'p-1', quantity: -1 }] })
      .expect(400);
    expect(bad.body).toEqual({
      error: 'validation_failed',
      issues: [{ path: 'items.0.quantity', message: expect.any(String) }],
    });
    await request(server)
      .post('/orders')
      .set('authorization', customer)
      .send({ items: [{ productId: 'p-1', quantity: 1 }] })
      .expect(201, { userId: 'user-1', lines: 1 });
  });

  it('malformed JSON → 400, oversized body → 413, both JSON', async () => {
    const server = app.getHttpServer();
    const malformed = await request(server)
      .post('/orders')
      .set('authorization', customer)
      .set('content-type', 'application/json')
      .send('{"items": [')
      .expect(400);
    expect(malformed.body.error).toBe('malformed_json');
    const big = await request(server)
      .post('/orders')
      .set('authorization', customer)
      .send({ items: [{ productId: 'x'.repeat(2000), quantity: 1 }] })
      .expect(413);
    expect(big.body.error).toBe('payload_too_large');
  });

  it('maps errors: domain-free 404, unknown route 404 JSON, unknown error 500 without internals', async () => {
    const server = app.getHttpServer();
    await request(server)
      .get('/orders/missing')
      .set('authorization', customer)
      .expect(404, { error: 'not_found', message: 'order not found' });
    const unknown = await request(server).get('/nowhere').expect(404);
    expect(unknown.body.error).toBe('not_found');
    const boom = await request(server).get('/orders/boom').set('authorization', customer).expect(500);
    expect(boom.body).toEqual({ error: 'internal_error', message: 'internal server error' });
  });
});

describe('HealthModule.forRootAsync', () => {
  class Database {
    up = true;
  }

  @Module({
    imports: [
      AuthModule.forRoot({ secret }),
      // Database is a provider of the app module, not exported to HealthModule: resolved app-wide
      HealthModule.forRootAsync({
        inject: [Database],
        useFactory: (db: Database) => [
          { name: 'postgres', check: async () => (db.up ? undefined : Promise.reject(new Error('down'))) },
        ],
      }),
    ],
    providers: [Database],
  })
  class AsyncHealthAppModule {}

  it('builds checks from providers of the importing module', async () => {
    const app = await createServiceApp({
      module: AsyncHealthAppModule,
      service: 'test',
      logger: createLogger({ service: 'test', level: 'silent' }),
    });
    await app.init();
    try {
      await request(app.getHttpServer()).get('/health/ready').expect(200);
      app.get(Database).up = false;
      await request(app.getHttpServer()).get('/health/ready').expect(503);
    } finally {
      await app.close();
    }
  });
});
