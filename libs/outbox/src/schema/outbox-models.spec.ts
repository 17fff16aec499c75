import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkOutboxModels, readOutboxModels } from './outbox-models';

const repoRoot = join(__dirname, '..', '..', '..', '..');
const serviceSchemas = readdirSync(join(repoRoot, 'services'))
  .map((service) => join(repoRoot, 'services', service, 'prisma', 'schema.prisma'))
  .filter((path) => existsSync(path));

describe('checkOutboxModels', () => {
  const canonical = readOutboxModels();

  it('accepts the canonical block inside a larger schema, whatever the spacing', () => {
    const schema = `model Order {\n  id String @id\n}\n\n${canonical.replace(/ {2,}/g, '   ')}`;
    expect(checkOutboxModels(schema)).toEqual({ ok: true, problems: [] });
  });

  it('reports a missing model and a changed field', () => {
    const changed = canonical
      .replace('@map("message_key")', '@map("key")')
      .replace(/model ProcessedMessage[\s\S]*$/, '');
    expect(checkOutboxModels(changed).problems).toEqual([
      'model OutboxMessage differs from libs/outbox/prisma/outbox-models.prisma',
      'model ProcessedMessage is missing',
    ]);
  });

  it('the test schema contains the canonical block', () => {
    const testSchema = readFileSync(join(__dirname, '..', '..', 'test', 'prisma', 'schema.prisma'), 'utf8');
    expect(checkOutboxModels(testSchema).problems).toEqual([]);
  });

  it.each(serviceSchemas.length > 0 ? serviceSchemas : ['(no service schema yet)'])(
    '%s contains the canonical outbox and inbox models',
    (path) => {
      if (!existsSync(path)) return;
      expect(checkOutboxModels(readFileSync(path, 'utf8')).problems).toEqual([]);
    },
  );
});
