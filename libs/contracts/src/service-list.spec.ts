import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceList } from './service-list';

function listFile(services: unknown[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'service-list-')), 'services.json');
  writeFileSync(file, JSON.stringify({ services }));
  return file;
}
const order = { name: 'order', port: 3001, database: 'order_db', redis: true, saga: true };

describe('services.json, the one list of services', () => {
  it('reads the repository list: every service has its own port and database', () => {
    const services = serviceList();
    expect(services.map((s) => s.name)).toEqual(expect.arrayContaining(['order', 'product', 'coupon', 'user']));
    expect(new Set(services.map((s) => s.port)).size).toBe(services.length);
    expect(new Set(services.map((s) => s.database)).size).toBe(services.length);
  });

  it('refuses a port or database used twice, naming the key', () => {
    const twice = listFile([order, { ...order, name: 'explorer', database: 'explorer_db' }]);
    expect(() => serviceList(twice)).toThrow(/port used twice: 3001/);
  });

  it('refuses an entry without a database, with the field path', () => {
    const { database: _database, ...noDatabase } = order;
    expect(() => serviceList(listFile([noDatabase]))).toThrow(/services\.0\.database/);
  });
});
