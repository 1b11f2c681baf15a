/** An error shaped as `pg` raises it: a `DatabaseError` with the SQLSTATE in `code`. */
export function pgError(code: string, message = `SQLSTATE ${code}`): Error {
  return Object.assign(new Error(message), { name: 'error', code, severity: 'ERROR' });
}

/** An error shaped as `sqlite3`/`better-sqlite3` raise it: an extended `SQLITE_*` code. */
export function sqliteError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { name: 'SqliteError', code, errno: 0 });
}

/** An error shaped as `mysql2` raises it: `code`, `errno` and `sqlState`. */
export function mysqlError(code: string, errno: number): Error {
  return Object.assign(new Error(code), { code, errno, sqlState: MYSQL_SQLSTATE[errno] ?? 'HY000', sqlMessage: code });
}

const MYSQL_SQLSTATE: Record<number, string> = { 1062: '23000', 1451: '23000', 1452: '23000', 1213: '40001' };
