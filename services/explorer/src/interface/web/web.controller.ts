import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { Public } from '@saga/service-kit';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPLORER_SETTINGS, type ExplorerSettings } from '../../explorer-settings';

/** services/explorer/dist/web, from dist/interface/web (built) as from src/interface/web (tests from source). */
export const WEB_ASSETS_DIR = join(__dirname, '..', '..', '..', 'dist', 'web');

/** The part of express' Response used here (express is the platform, not a dependency of this package). */
interface Response {
  type(contentType: string): { send(body: Buffer): void };
}

const CONTENT_TYPES: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

/**
 * The explorer page: static assets bundled at build time (`pnpm web:build`, esbuild), no CDN. The page itself
 * is public; its data comes from the JWT-protected JSON API with the token the user pastes in.
 */
@Controller()
@Public()
export class WebController {
  private readonly cache = new Map<string, Buffer>();

  constructor(@Inject(EXPLORER_SETTINGS) private readonly settings: ExplorerSettings) {}

  @Get()
  index(@Res() res: Response) {
    res.type('html').send(this.asset('index.html'));
  }

  @Get('explorer/config')
  config() {
    return { jaegerUiUrl: this.settings.jaegerUiUrl.replace(/\/$/, '') };
  }

  @Get('assets/:name')
  file(@Param('name') name: string, @Res() res: Response) {
    const type = CONTENT_TYPES[name];
    if (!type) throw new NotFoundException();
    res.type(type).send(this.asset(name));
  }

  private asset(name: string): Buffer {
    let content = this.cache.get(name);
    if (!content) {
      const path = join(WEB_ASSETS_DIR, name);
      if (!existsSync(path)) throw new NotFoundException(`${name} is not built: run \`pnpm build\``);
      content = readFileSync(path);
      this.cache.set(name, content);
    }
    return content;
  }
}
