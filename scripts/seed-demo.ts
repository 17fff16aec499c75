/**
 * Demo data through the public HTTP APIs (never the databases directly), idempotent: "already exists" (409)
 * counts as done. Run by `pnpm start`; prints a customer token and a checkout curl at the end.
 */
import { z } from 'zod';
import { DEV_JWT_SECRET, loadEnv, signDevToken } from '@saga/service-kit';

const SeedEnv = z.object({
  AUTH_JWT_SECRET: z.string().min(16).default(DEV_JWT_SECRET),
  ORDER_URL: z.url().default('http://127.0.0.1:3001'),
  PRODUCT_URL: z.url().default('http://127.0.0.1:3002'),
  COUPON_URL: z.url().default('http://127.0.0.1:3003'),
  USER_URL: z.url().default('http://127.0.0.1:3004'),
});

const PRODUCTS = [
  { id: 'demo-keyboard', name: 'Mechanical keyboard', price: 89_00, stock: 100 },
  { id: 'demo-mouse', name: 'Wireless mouse', price: 29_50, stock: 200 },
  { id: 'demo-monitor', name: '27" monitor', price: 249_00, stock: 20 },
];
const USERS = [
  { id: 'demo-alice', name: 'Alice', balance: 1_000_00 },
  { id: 'demo-bob', name: 'Bob', balance: 50_00 },
];
const COUPON = {
  id: 'demo-welcome-10',
  name: 'Welcome 10%',
  discountType: 'PERCENT',
  discountValue: 10,
  totalQuantity: 1000,
};
const COUPON_HOLDER = 'demo-alice';

async function main(): Promise<void> {
  const env = loadEnv(SeedEnv);
  const admin = signDevToken({ sub: 'admin', role: 'admin', secret: env.AUTH_JWT_SECRET });
  const post = (url: string, body: unknown) => createIfAbsent(url, body, admin);

  for (const product of PRODUCTS) await post(`${env.PRODUCT_URL}/products`, product);
  for (const user of USERS) await post(`${env.USER_URL}/users`, user);
  await post(`${env.COUPON_URL}/coupons`, COUPON);
  await post(`${env.COUPON_URL}/coupons/${COUPON.id}/grant`, { userId: COUPON_HOLDER });

  const customer = signDevToken({ sub: COUPON_HOLDER, role: 'customer', secret: env.AUTH_JWT_SECRET });
  const checkout = { items: [{ productId: 'demo-keyboard', quantity: 1 }], couponId: COUPON.id };
  process.stdout.write(`
demo data: ${PRODUCTS.length} products, ${USERS.length} users, coupon ${COUPON.id} granted to ${COUPON_HOLDER}

customer token (${COUPON_HOLDER}):
  ${customer}

place an order:
  curl -sS -X POST ${env.ORDER_URL}/orders \\
    -H "Authorization: Bearer ${customer}" \\
    -H "Idempotency-Key: $(date +%s%N)" \\
    -H 'Content-Type: application/json' \\
    -d '${JSON.stringify(checkout)}'
`);
}

async function createIfAbsent(url: string, body: unknown, token: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (response.ok || response.status === 409) {
    process.stderr.write(`seed: ${url} ${response.status === 409 ? 'already there' : 'created'}\n`);
    return;
  }
  throw new Error(`seed: POST ${url} -> ${response.status} ${await response.text()}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
