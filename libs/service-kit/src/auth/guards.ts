import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from './auth-user';
import { AuthenticatedRequest, IS_PUBLIC, ROLES } from './decorators';
import { InvalidTokenError } from './tokens';
import { VerifiedTokenCache } from './verified-token-cache';

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
export interface AuthOptions {
  secret: string;
}

/** Bearer HS256 JWT → `request.user`; 401 when missing/invalid/expired. Skipped for `@Public()`. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly tokens: VerifiedTokenCache;

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AUTH_OPTIONS) options: AuthOptions,
  ) {
    this.tokens = new VerifiedTokenCache(options.secret);
  }

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new UnauthorizedException('missing bearer token');
    try {
      request.user = this.tokens.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException('invalid or expired token');
      throw error;
    }
    return true;
  }
}

/** 403 when the route has `@Roles(...)` and the authenticated user has none of them. Runs after JwtAuthGuard. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [ctx.getHandler(), ctx.getClass()]);
    if (!roles || roles.length === 0) return true;
    const user = ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!user) throw new UnauthorizedException('missing bearer token');
    if (!roles.includes(user.role)) throw new ForbiddenException(`requires role ${roles.join(' or ')}`);
    return true;
  }
}
