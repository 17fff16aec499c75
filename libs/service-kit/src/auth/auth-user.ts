import { z } from 'zod';

export const Role = z.enum(['customer', 'admin']);
export type Role = z.infer<typeof Role>;

export interface AuthUser {
  id: string;
  role: Role;
}

/** Claims we rely on; anything else in the token is ignored. */
export const TokenClaims = z.object({ sub: z.string().min(1), role: Role });
