import { createHash } from 'node:crypto';
import { rememberPreparedStatement } from '@saga/telemetry';
import { inlineParameters, literalsOf, parameterCountOf } from './inline-parameters';

/** A statement whose values travel in a simple-protocol message, rendered when that message is built. */
export interface PendingStatement {
  sql: string;
  values: readonly unknown[];
}

/** Renders the statements of one connection's simple-protocol messages. */
export interface StatementRenderer {
  /** The statement's text for the message, or null when its values cannot be inlined. */
  render(statement: PendingStatement): string | null;
  /** The message built since the last call was answered, or failed. */
  answered(failed?: boolean): void;
  /** Work between transactions on the connection (`query` runs untraced); rejects when the connection failed. */
  tryPending(query: (sql: string) => Promise<unknown>): Promise<void>;
}

/** Values inlined into the text: the server parses and plans the statement on every execution. */
export class InlineStatements implements StatementRenderer {
  constructor(private readonly escapeLiteral: (text: string) => string) {}

  render({ sql, values }: PendingStatement): string | null {
    return inlineParameters(sql, values, this.escapeLiteral);
  }

  answered(): void {}

  async tryPending(): Promise<void> {}
}

/** Past this many texts, further texts are inlined instead of prepared. */
const MAX_TEXTS = 1000;
/** SQLSTATE class of syntax errors and of texts the server cannot type ("could not determine data type"). */
const SYNTAX_OR_ACCESS_RULE = '42';

/**
 * What one pool knows about its texts: a text is tried once (PREPAREd on the connection that first sent
 * it, after its transaction), and only texts the server prepared are prepared by other connections. A
 * text it cannot prepare without parameter types (`$1 IS NULL`) stays inlined instead of failing a
 * transaction.
 */
export class PreparableTexts {
  /** name: preparable; null: not preparable. */
  private readonly texts = new Map<string, string | null>();

  /** The statement name of `sql` once it is known to be preparable; undefined: not tried yet. */
  nameOf(sql: string): string | null | undefined {
    return this.texts.get(sql);
  }

  /** The name to try `sql` under, or null when no more texts are tried. */
  candidateName(sql: string): string | null {
    if (this.texts.size >= MAX_TEXTS) return null;
    return `p_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
  }

  prepared(sql: string, name: string): void {
    rememberPreparedStatement(name, sql);
    this.texts.set(sql, name);
  }

  refused(sql: string): void {
    this.texts.set(sql, null);
  }
}

/** Past this many prepared statements on one connection, further texts are inlined there. */
const MAX_PREPARED_PER_CONNECTION = 500;

/**
 * Statements that travel in simple-protocol messages (with BEGIN, deferred, with COMMIT) would be
 * parsed, analysed and planned by the server on every execution. So each text is prepared once per
 * connection, and runs as `EXECUTE name('literal', ...)`: the server parses a short EXECUTE and reuses
 * the plan. The values are the same quoted literals, typed by the prepared statement exactly as an
 * untyped parameter is. A text never tried runs inlined, and is PREPAREd on its own after the
 * transaction (`tryPending`); other connections PREPARE a tried text in the message of its first use.
 *
 * PREPARE is not transactional: it stays when the transaction rolls back, and a failed message may have
 * run some of its PREPAREs and not others. The names a failed message introduced are never prepared
 * again on that connection (their texts are inlined there), so no PREPARE can collide.
 */
export class ConnectionStatements implements StatementRenderer {
  private readonly prepared = new Set<string>();
  private readonly uncertain = new Set<string>();
  /** Names the message being built PREPAREs, until it is answered. */
  private introduced: string[] = [];
  /** Texts never tried, sent inlined by this connection's current transaction. */
  private readonly untried = new Set<string>();

  constructor(
    private readonly texts: PreparableTexts,
    private readonly escapeLiteral: (text: string) => string,
  ) {}

  render({ sql, values }: PendingStatement): string | null {
    const parameters = parameterCountOf(sql);
    const name = parameters !== null && parameters <= values.length ? this.nameOf(sql) : null;
    if (name === null) return inlineParameters(sql, values, this.escapeLiteral);
    const literals = literalsOf(values.slice(0, parameters!), this.escapeLiteral);
    if (literals === null) return null;
    const execute = literals.length > 0 ? `EXECUTE ${name}(${literals.join(', ')})` : `EXECUTE ${name}`;
    if (this.prepared.has(name)) return execute;
    this.prepared.add(name);
    this.introduced.push(name);
    return `PREPARE ${name} AS ${sql}; ${execute}`;
  }

  answered(failed = false): void {
    const introduced = this.introduced;
    this.introduced = [];
    if (!failed) return;
    for (const name of introduced) {
      this.prepared.delete(name);
      this.uncertain.add(name);
    }
  }

  /**
   * Between transactions (none open): PREPAREs each text this connection sent untried, one statement
   * each, and records whether the server could. Rejects only when the connection failed.
   */
  async tryPending(query: (sql: string) => Promise<unknown>): Promise<void> {
    const untried = [...this.untried];
    this.untried.clear();
    for (const sql of untried) {
      const name = this.texts.nameOf(sql) === undefined ? this.texts.candidateName(sql) : null;
      if (name === null || this.prepared.has(name) || this.uncertain.has(name)) continue;
      try {
        await query(`PREPARE ${name} AS ${sql}`);
      } catch (error) {
        if (!(error as { code?: string }).code?.startsWith(SYNTAX_OR_ACCESS_RULE)) throw error;
        this.texts.refused(sql);
        continue;
      }
      this.prepared.add(name);
      this.texts.prepared(sql, name);
    }
  }

  private nameOf(sql: string): string | null {
    const name = this.texts.nameOf(sql);
    if (name === undefined) {
      this.untried.add(sql);
      return null;
    }
    if (name === null || this.uncertain.has(name)) return null;
    if (!this.prepared.has(name) && this.prepared.size >= MAX_PREPARED_PER_CONNECTION) return null;
    return name;
  }
}
