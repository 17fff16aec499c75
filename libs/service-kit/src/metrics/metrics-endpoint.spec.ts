import { Controller, Get, INestApplication, Module, Param } from '@nestjs/common';
import { parseExposition } from '@saga/metrics';
import request from 'supertest';
import { AuthModule } from '../auth/auth.module';
import { signDevToken } from '../auth/tokens';
import { createServiceApp } from '../bootstrap';
import { createLogger } from '../logging/logger';

const secret = 'metrics-secret-0123456789abcdef';

@Controller('orders')
class OrdersController {
  @Get(':id')
  get(@Param('id') id: string) {
    if (id === 'boom') throw new Error('boom');
    return { id };
  }
}

@Module({ imports: [AuthModule.forRoot({ secret })], controllers: [OrdersController] })
class TestAppModule {}

describe('GET /metrics and HTTP metrics (shared bootstrap)', () => {
  let app: INestApplication;
  const customer = `Bearer ${signDevToken({ sub: 'user-1', role: 'customer', secret })}`;

  beforeAll(async () => {
    app = await createServiceApp({
      module: TestAppModule,
      service: 'kit',
      logger: createLogger({ service: 'kit', level: 'silent' }),
    });
    await app.init();
  });
  afterAll(() => app.close());

  it('serves Prometheus text without a token (the auth guard covers Nest routes only)', async () => {
    const res = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(parseExposition(res.text).find('process_cpu_user_seconds_total', { service: 'kit' })).toHaveLength(1);
  });

  it('records requests by route template and status class, 401s and 404s included', async () => {
    const server = app.getHttpServer();
    await request(server).get('/orders/a-1').set('authorization', customer).expect(200);
    await request(server).get('/orders/a-2').set('authorization', customer).expect(200);
    await request(server).get('/orders/boom').set('authorization', customer).expect(500);
    await request(server).get('/orders/a-3').expect(401);
    await request(server).get('/nowhere/a-4').expect(404);
    const scraped = parseExposition((await request(server).get('/metrics')).text);
    const count = (route: string, statusClass: string) =>
      scraped.value('http_server_request_duration_seconds_count', { method: 'GET', route, status_class: statusClass });
    expect(count('/orders/:id', '2xx')).toBe(2);
    expect(count('/orders/:id', '5xx')).toBe(1);
    expect(count('/orders/:id', '4xx')).toBe(1);
    expect(count('unmatched', '4xx')).toBe(1);
    expect(scraped.samples.some((s) => /a-\d/.test(s.labels.route ?? ''))).toBe(false);
  });
});
