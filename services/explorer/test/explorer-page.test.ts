import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Topics } from '@saga/contracts';
import { DeadLetterHeaders } from '@saga/messaging';
import { readAll, waitFor } from '@saga/test-harness';
import { chromium, type Browser, type Page } from 'playwright-core';
import { JAEGER_UI_URL, startExplorerTestEnv, type ExplorerTestEnv } from './explorer-test-app';
import { completedSaga, newOrderId, newTraceparent, paymentFailedSaga, publishSaga } from './saga-fixtures';

/** Debian's chromium (`apt-get install chromium`); nothing downloads a browser. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', '..', '..', '.local', 'test-logs');

/** The explorer page in a real headless Chromium, asserted from what the page shows. */
describe('explorer page', () => {
  let env: ExplorerTestEnv;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    env = await startExplorerTestEnv({}, { listen: true });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.addInitScript((value) => localStorage.setItem('saga-explorer-token', value), env.token('admin'));
    await page.goto(env.url, { waitUntil: 'domcontentloaded' });
  });
  afterEach(async () => {
    await page.close();
  });

  /** Keeps a screenshot of the page when the test fails. */
  const showing = (name: string, body: () => Promise<void>) => async () => {
    try {
      await body();
    } catch (error) {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page
        .screenshot({ path: join(ARTIFACTS, `explorer-page-${name}-${Date.now()}.png`) })
        .catch(() => undefined);
      throw error;
    }
  };

  const texts = (selector: string) =>
    page.$$eval(selector, (nodes) => nodes.map((node) => (node as HTMLElement).innerText.trim()));
  const openSaga = async (orderId: string) => {
    const row = await page.waitForSelector(`[data-testid="saga-row"][data-order-id="${orderId}"]`, { timeout: 30_000 });
    await row.click();
    await page.waitForSelector(
      `[data-testid="saga-detail"][data-order-id="${orderId}"] [data-testid="timeline-diagram"]`,
    );
  };
  const waitForText = (selector: string, text: string) =>
    page.waitForFunction(
      ([sel, expected]) =>
        Array.from(document.querySelectorAll(sel)).some((n) => (n as HTMLElement).innerText.includes(expected)),
      [selector, text] as const,
      { timeout: 30_000 },
    );

  it(
    'shows a completed saga live, its timeline as one lane per service, and links its trace in Jaeger',
    showing('completed', async () => {
      const orderId = newOrderId();
      const events = completedSaga(orderId, 'alice');
      const traceparent = newTraceparent();
      await publishSaga(env.injector, events.slice(0, 2), traceparent);
      await openSaga(orderId);
      await waitForText(`[data-testid="saga-row"][data-order-id="${orderId}"]`, 'IN_FLIGHT');

      await publishSaga(env.injector, events.slice(2), traceparent);
      // no reload: the list and the open timeline poll while the saga is in flight
      await waitForText(`[data-testid="saga-row"][data-order-id="${orderId}"]`, 'COMPLETED');
      await waitForText('[data-testid="saga-detail"] h2', 'COMPLETED');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="diagram-event"]').length === 7);

      const lanes = await page.$$eval('[data-testid="lane"]', (nodes) => nodes.map((n) => n.getAttribute('data-lane')));
      expect(lanes).toEqual(['order', 'product', 'coupon', 'user']);
      const placedOn = await page.$$eval('[data-testid="diagram-event"]', (nodes) =>
        nodes.map(
          (n) => `${n.querySelector('[data-testid="event-label"]')!.textContent}@${n.getAttribute('data-lane')}`,
        ),
      );
      expect(placedOn).toEqual([
        'OrderPlaced@order',
        'StockReserved@product',
        'CouponApplied@coupon',
        'OrderProcessingSucceeded@order',
        'PaymentRequested@order',
        'PaymentSucceeded@user',
        'OrderCompleted@order',
      ]);
      expect(await page.$$('[data-testid="diagram-event"][data-compensation="true"]')).toHaveLength(0);
      const href = await page.$eval('[data-testid="trace-link"]', (a) => a.getAttribute('href'));
      expect(href).toBe(`${JAEGER_UI_URL}/trace/${traceparent.split('-')[1]}`);
    }),
  );

  it(
    'filters to a cancelled saga and draws its compensations distinctly',
    showing('cancelled', async () => {
      const orderId = newOrderId();
      const buyer = `bob-${orderId.slice(-8)}`; // a retried attempt must not see the first attempt's saga
      await publishSaga(env.injector, paymentFailedSaga(orderId, buyer));
      await page.waitForSelector('[data-testid="saga-filters"]');
      await page.selectOption('[data-testid="filter-state"]', 'CANCELLED');
      await page.fill('[data-testid="filter-user"]', buyer);
      await page.click('[data-testid="apply-filters"]');
      await openSaga(orderId);

      expect(await texts('[data-testid="saga-row"]')).toEqual([expect.stringContaining('INSUFFICIENT_BALANCE')]);
      expect(await texts('[data-testid="failure-reason"]')).toEqual(['INSUFFICIENT_BALANCE']);
      const compensations = await page.$$eval('[data-testid="diagram-event"][data-compensation="true"]', (nodes) =>
        nodes.map((n) => ({
          name: n.querySelector('[data-testid="event-label"]')!.textContent,
          lane: n.getAttribute('data-lane'),
          fill: n.querySelector('circle')!.getAttribute('fill'),
          arrows: [...n.querySelectorAll('[data-testid="compensation-arrow"]')].map((a) => a.getAttribute('data-lane')),
          dashed: [...n.querySelectorAll('[data-testid="compensation-arrow"]')].every((a) =>
            a.getAttribute('stroke-dasharray'),
          ),
        })),
      );
      expect(compensations).toEqual([
        { name: 'PaymentFailed', lane: 'user', fill: '#c62828', arrows: ['order', 'product', 'coupon'], dashed: true },
      ]);
      const plain = await page.$$eval('[data-testid="diagram-event"][data-compensation="false"] circle', (nodes) =>
        nodes.map((n) => n.getAttribute('fill')),
      );
      expect(new Set(plain)).toEqual(new Set(['#2f6fd6']));
      expect(await texts('[data-testid="timeline-row"]')).toContainEqual(
        expect.stringContaining('compensation by order, product, coupon'),
      );
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'explorer-page-cancelled-saga.png'), fullPage: true });
    }),
  );

  it(
    'previews and replays a dead letter from the dead-letter tab',
    showing('dead-letter', async () => {
      const orderId = newOrderId();
      const [placed, , , , requested] = completedSaga(orderId, 'carol');
      await publishSaga(env.injector, [placed!]);
      await env.injector.publishRaw({
        topic: env.topic(`${Topics.OrderPayment}.dlq`),
        key: orderId,
        value: JSON.stringify(requested),
        headers: {
          [DeadLetterHeaders.originalTopic]: env.topic(Topics.OrderPayment),
          [DeadLetterHeaders.originalPartition]: '1',
          [DeadLetterHeaders.originalOffset]: '9',
          [DeadLetterHeaders.consumerGroup]: 'user.DebitBalanceOnPaymentRequested',
          [DeadLetterHeaders.error]: 'Error: database unavailable',
          [DeadLetterHeaders.attempts]: '5',
          [DeadLetterHeaders.failedAt]: new Date().toISOString(),
        },
      });
      await page.waitForSelector('[data-testid="tab-dead-letters"]');
      await page.click('[data-testid="tab-dead-letters"]');
      const row = `[data-testid="dead-letter-row"][data-order-id="${orderId}"]`;
      await page.waitForSelector(row, { timeout: 30_000 });
      const [shown] = await texts(row);
      expect(shown).toContain('PaymentRequested');
      expect(shown).toContain(`${env.topic(Topics.OrderPayment)} / 1 / 9`);
      expect(shown).toContain('user.DebitBalanceOnPaymentRequested');
      expect(shown).toContain('Error: database unavailable');

      await page.click(`${row} [data-testid="preview"]`);
      await waitForText('[data-testid="replay-outcome"]', 'Dry run: would publish to');
      expect((await readAll(env.topic(Topics.OrderPayment))).filter((m) => m.key === orderId)).toEqual([]);

      await page.click(`${row} [data-testid="replay"]`);
      await waitForText('[data-testid="replay-outcome"]', `Replayed to ${env.topic(Topics.OrderPayment)} by admin-1`);
      await waitForText(`${row} [data-testid="replays"]`, 'replayed by admin-1');
      const republished = await waitFor(
        async () => (await readAll(env.topic(Topics.OrderPayment))).filter((m) => m.key === orderId)[0],
        { description: 'the replayed PaymentRequested' },
      );
      expect(JSON.parse(republished.value!).eventId).toBe(requested!.eventId);
    }),
  );
});
