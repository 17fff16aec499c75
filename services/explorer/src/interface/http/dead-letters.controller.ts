import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentUser, Roles, ZodQuery, type AuthUser } from '@saga/service-kit';
import { ListDeadLettersQuery } from '../../application/list-dead-letters/list-dead-letters.query';
import type { DeadLetterView } from '../../application/ports/dead-letters';
import { ReplayDeadLetterUseCase } from '../../application/replay-dead-letter/replay-dead-letter.use-case';
import { ListDeadLettersRequest, ReplayRequest } from './explorer-requests';

/** Admin only: dead letters carry every customer's events. */
@Controller('dead-letters')
@Roles('admin')
export class DeadLettersController {
  constructor(
    private readonly listDeadLetters: ListDeadLettersQuery,
    private readonly replayDeadLetter: ReplayDeadLetterUseCase,
  ) {}

  @Get()
  async list(@ZodQuery(ListDeadLettersRequest) query: ListDeadLettersRequest) {
    const page = await this.listDeadLetters.execute(query);
    return { items: page.items.map(toResponse), nextCursor: page.nextCursor };
  }

  /** Dry run (the message that would be published) unless `?execute=true`. */
  @Post(':id/replay')
  @HttpCode(200)
  replay(@Param('id') id: string, @ZodQuery(ReplayRequest) query: ReplayRequest, @CurrentUser() viewer: AuthUser) {
    return this.replayDeadLetter.execute({ id, execute: query.execute, replayedBy: viewer.id });
  }
}

function toResponse({ key, value, ...letter }: DeadLetterView) {
  return { ...letter, key: key?.toString('utf8') ?? null, value: value?.toString('utf8') ?? null };
}
