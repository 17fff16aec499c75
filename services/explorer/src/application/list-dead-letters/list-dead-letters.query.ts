import type { DeadLetterPage, DeadLetterReadModel, DeadLetterView } from '../ports/dead-letters';

export interface DeadLetterList {
  items: DeadLetterView[];
  nextCursor: string | null;
}

/** Newest first (by when the explorer recorded them), keyset-paged. */
export class ListDeadLettersQuery {
  constructor(private readonly readModel: DeadLetterReadModel) {}

  async execute(request: Omit<DeadLetterPage, 'after'> & { cursor?: string }): Promise<DeadLetterList> {
    const rows = await this.readModel.list({
      ...request,
      after: request.cursor ? decode(request.cursor) : undefined,
      limit: request.limit + 1,
    });
    const items = rows.slice(0, request.limit);
    const last = items.at(-1);
    return {
      items,
      nextCursor:
        rows.length > request.limit && last
          ? Buffer.from(`${last.recordedAt.toISOString()}|${last.id}`).toString('base64url')
          : null,
    };
  }
}

function decode(cursor: string): { recordedAt: Date; id: string } {
  const [time = '', ...id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return { recordedAt: new Date(time), id: id.join('|') };
}
