/**
 * Prints a dev JWT: `pnpm token --sub user-1 --role customer [--expires 12h]`.
 * Secret from AUTH_JWT_SECRET or the dev default, so it matches services running with dev defaults.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Role } from '../auth/auth-user';
import { signDevToken } from '../auth/tokens';
import { DEV_JWT_SECRET } from '../env/base-env';
import { loadEnv } from '../env/load-env';

const CliEnv = z.object({ AUTH_JWT_SECRET: z.string().min(16).default(DEV_JWT_SECRET) });

function main(): void {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      role: { type: 'string', default: 'customer' },
      expires: { type: 'string', default: '12h' },
    },
  });
  const role = Role.safeParse(values.role);
  if (!values.sub || !role.success) {
    process.stderr.write('usage: pnpm token --sub <user-id> [--role customer|admin] [--expires 12h]\n');
    process.exit(2);
  }
  const env = loadEnv(CliEnv);
  process.stdout.write(
    `${signDevToken({ sub: values.sub, role: role.data, secret: env.AUTH_JWT_SECRET, expiresIn: values.expires })}\n`,
  );
}

main();
