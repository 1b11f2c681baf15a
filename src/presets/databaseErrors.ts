/**
 * Database errors by kind, for Postgres (`pg`, `postgres`: SQLSTATE in `code`), SQLite
 * (`sqlite3`, `better-sqlite3`: `SQLITE_*` codes), MySQL (`mysql2`: `ER_*` codes and
 * `errno`) and Prisma (`P2002`, `P2034`, ...). The error itself is looked at, then its
 * `cause`, `original` and `parent` (ORMs such as Sequelize and Knex wrap the driver's error;
 * TypeORM copies its fields onto its `QueryFailedError`).
 */

const PG_CONSTRAINT = /^23[0-9A-Z]{3}$/;
const PG_TRANSIENT = new Set(['40001', '40P01', '55P03', '57014']);
const MYSQL_CONSTRAINT = new Set(['ER_DUP_ENTRY', 'ER_NO_REFERENCED_ROW', 'ER_NO_REFERENCED_ROW_2', 'ER_ROW_IS_REFERENCED', 'ER_ROW_IS_REFERENCED_2', 'ER_BAD_NULL_ERROR', 'ER_CHECK_CONSTRAINT_VIOLATED', 'ER_DUP_KEY']);
const MYSQL_CONSTRAINT_ERRNO = new Set([1062, 1451, 1452, 1048, 3819, 1022]);
const MYSQL_TRANSIENT = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const MYSQL_TRANSIENT_ERRNO = new Set([1213, 1205]);
// Prisma does not wrap the driver's error: its own codes say it (unique, foreign key, constraint, not null; write conflict or deadlock).
const PRISMA_CONSTRAINT = new Set(['P2002', 'P2003', 'P2004', 'P2011']);
const PRISMA_TRANSIENT = new Set(['P2034']);

function* chain(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  let current = error;
  while (typeof current === 'object' && current !== null && !seen.has(current) && seen.size < 5) {
    seen.add(current);
    const record = current as Record<string, unknown>;
    yield record;
    current = record.cause ?? record.original ?? record.parent;
  }
}

/**
 * A constraint or integrity violation (Postgres SQLSTATE class 23, SQLite
 * `SQLITE_CONSTRAINT*`, MySQL `ER_DUP_ENTRY` and friends): the database answered, the data
 * was wrong. It must never trip a breaker.
 *
 * @example
 * ```ts
 * isConstraintViolation(Object.assign(new Error('duplicate key'), { code: '23505' })); // true
 * ```
 */
export function isConstraintViolation(error: unknown): boolean {
  for (const e of chain(error)) {
    const { code, errno, sqlState } = e;
    if (typeof code === 'string' && (PG_CONSTRAINT.test(code) || code.startsWith('SQLITE_CONSTRAINT') || MYSQL_CONSTRAINT.has(code) || PRISMA_CONSTRAINT.has(code))) return true;
    if (typeof sqlState === 'string' && PG_CONSTRAINT.test(sqlState)) return true;
    if (typeof errno === 'number' && MYSQL_CONSTRAINT_ERRNO.has(errno) && typeof code === 'string' && code.startsWith('ER_')) return true;
    if (e.name === 'SequelizeUniqueConstraintError' || e.name === 'SequelizeForeignKeyConstraintError') return true;
  }
  return false;
}

/**
 * A lock, busy or serialization error (SQLite `SQLITE_BUSY`/`SQLITE_LOCKED` or "database is
 * locked/busy", Postgres 40001/40P01/55P03, MySQL deadlock and lock-wait timeout): worth
 * retrying after a short wait.
 *
 * @example
 * ```ts
 * isTransientDatabaseError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })); // true
 * ```
 */
export function isTransientDatabaseError(error: unknown): boolean {
  for (const e of chain(error)) {
    const { code, errno, message } = e;
    if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || PG_TRANSIENT.has(code) || MYSQL_TRANSIENT.has(code) || PRISMA_TRANSIENT.has(code))) return true;
    if (typeof errno === 'number' && MYSQL_TRANSIENT_ERRNO.has(errno)) return true;
    if (typeof message === 'string' && /database is (locked|busy)/i.test(message)) return true;
  }
  return false;
}
