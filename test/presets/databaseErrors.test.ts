import { describe, expect, it } from 'vitest';
import { isConstraintViolation, isTransientDatabaseError } from '../../index.js';
import { mysqlError, pgError, sqliteError } from './fixtures.js';

describe('isConstraintViolation', () => {
  it('matches every Postgres SQLSTATE of class 23, in code or sqlState', () => {
    for (const code of ['23505', '23503', '23502', '23514', '23P01', '23000']) expect(isConstraintViolation(pgError(code))).toBe(true);
    expect(isConstraintViolation(Object.assign(new Error('duplicate'), { sqlState: '23505' }))).toBe(true);
  });

  it('matches SQLite constraint codes', () => {
    for (const code of ['SQLITE_CONSTRAINT', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_FOREIGNKEY', 'SQLITE_CONSTRAINT_NOTNULL']) {
      expect(isConstraintViolation(sqliteError(code, 'constraint failed'))).toBe(true);
    }
  });

  it('matches MySQL duplicate-key and foreign-key errors', () => {
    expect(isConstraintViolation(mysqlError('ER_DUP_ENTRY', 1062))).toBe(true);
    expect(isConstraintViolation(mysqlError('ER_NO_REFERENCED_ROW_2', 1452))).toBe(true);
    expect(isConstraintViolation(mysqlError('ER_ROW_IS_REFERENCED_2', 1451))).toBe(true);
  });

  it('matches a MySQL constraint errno under an ER_ code it does not list', () => {
    expect(isConstraintViolation(mysqlError('ER_DUP_ENTRY_WITH_KEY_NAME', 1062))).toBe(true);
  });

  it('finds the driver error inside an ORM error, under cause, original or parent', () => {
    const driver = pgError('23505');
    expect(isConstraintViolation(new Error('query failed', { cause: driver }))).toBe(true);
    expect(isConstraintViolation(Object.assign(new Error('Validation error'), { name: 'SequelizeUniqueConstraintError', original: driver, parent: driver }))).toBe(true);
    expect(isConstraintViolation(Object.assign(new Error('Knex'), { parent: sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed') }))).toBe(true);
    expect(isConstraintViolation(new Error('outer', { cause: new Error('middle', { cause: mysqlError('ER_DUP_ENTRY', 1062) }) }))).toBe(true);
  });

  it('matches Prisma’s constraint codes, which carry no driver error', () => {
    for (const code of ['P2002', 'P2003', 'P2004', 'P2011']) {
      expect(isConstraintViolation(Object.assign(new Error('Unique constraint failed'), { name: 'PrismaClientKnownRequestError', code }))).toBe(true);
    }
  });

  it('matches Sequelize constraint errors by name', () => {
    expect(isConstraintViolation(Object.assign(new Error('fk'), { name: 'SequelizeForeignKeyConstraintError' }))).toBe(true);
  });

  it('does not match transient, connection or unrelated errors', () => {
    expect(isConstraintViolation(pgError('40001'))).toBe(false);
    expect(isConstraintViolation(sqliteError('SQLITE_BUSY', 'database is locked'))).toBe(false);
    expect(isConstraintViolation(mysqlError('ER_LOCK_DEADLOCK', 1213))).toBe(false);
    expect(isConstraintViolation(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isConstraintViolation(Object.assign(new Error('x'), { errno: 1062 }))).toBe(false);
    expect(isConstraintViolation(null)).toBe(false);
    expect(isConstraintViolation('23505')).toBe(false);
  });

  it('stops on a cycle of causes', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(isConstraintViolation(a)).toBe(false);
  });
});

describe('isTransientDatabaseError', () => {
  it('matches Postgres serialization failures, deadlocks, lock timeouts and cancelled statements', () => {
    for (const code of ['40001', '40P01', '55P03', '57014']) expect(isTransientDatabaseError(pgError(code))).toBe(true);
  });

  it('matches SQLite busy and locked errors, by code or by message', () => {
    expect(isTransientDatabaseError(sqliteError('SQLITE_BUSY', 'SQLITE_BUSY: database is locked'))).toBe(true);
    expect(isTransientDatabaseError(sqliteError('SQLITE_LOCKED_SHAREDCACHE', 'locked'))).toBe(true);
    expect(isTransientDatabaseError(new Error('database is locked'))).toBe(true);
    expect(isTransientDatabaseError(new Error('Database is busy'))).toBe(true);
  });

  it('matches MySQL deadlocks and lock-wait timeouts, by code or errno', () => {
    expect(isTransientDatabaseError(mysqlError('ER_LOCK_DEADLOCK', 1213))).toBe(true);
    expect(isTransientDatabaseError(mysqlError('ER_LOCK_WAIT_TIMEOUT', 1205))).toBe(true);
    expect(isTransientDatabaseError(Object.assign(new Error('Deadlock found'), { errno: 1213 }))).toBe(true);
  });

  it('matches Prisma’s write conflict or deadlock (P2034)', () => {
    expect(isTransientDatabaseError(Object.assign(new Error('Transaction failed due to a write conflict or a deadlock'), { code: 'P2034' }))).toBe(true);
    expect(isTransientDatabaseError(Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }))).toBe(false);
  });

  it('finds the driver error inside an ORM error', () => {
    expect(isTransientDatabaseError(Object.assign(new Error('SequelizeDatabaseError'), { original: pgError('40001') }))).toBe(true);
    expect(isTransientDatabaseError(new Error('query failed', { cause: sqliteError('SQLITE_BUSY', 'database is locked') }))).toBe(true);
  });

  it('does not match constraint violations or other failures', () => {
    expect(isTransientDatabaseError(pgError('23505'))).toBe(false);
    expect(isTransientDatabaseError(sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed'))).toBe(false);
    expect(isTransientDatabaseError(pgError('08006'))).toBe(false);
    expect(isTransientDatabaseError(new Error('syntax error at or near "SELEC"'))).toBe(false);
    expect(isTransientDatabaseError(undefined)).toBe(false);
  });
});
