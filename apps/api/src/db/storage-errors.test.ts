import { describe, expect, it } from 'vitest';
import { describeError, redactConnection } from './redact';
import { storageFailure } from './storage-errors';

describe('storageFailure', () => {
  it.each([
    [{ code: 'SQLITE_FULL' }, { kind: 'full', code: 'SQLITE_FULL' }],
    [{ code: 'SQLITE_IOERR_FSYNC' }, { kind: 'io_error', code: 'SQLITE_IOERR_FSYNC' }],
    [{ code: 'SQLITE_READONLY_DBMOVED' }, { kind: 'io_error', code: 'SQLITE_READONLY_DBMOVED' }],
    [{ code: '53100' }, { kind: 'full', code: '53100' }],
    [{ code: '58030' }, { kind: 'io_error', code: '58030' }],
    [{ code: '57P01' }, { kind: 'unreachable', code: '57P01' }],
    [{ code: '08006' }, { kind: 'unreachable', code: '08006' }],
    [{ code: 'ECONNREFUSED' }, { kind: 'unreachable', code: 'ECONNREFUSED' }],
    [{ code: 'ENOSPC' }, { kind: 'full', code: 'ENOSPC' }],
    [new Error('Connection terminated unexpectedly'), { kind: 'unreachable', code: 'connection_lost' }],
    [new Error('timeout exceeded when trying to connect'), { kind: 'unreachable', code: 'connection_lost' }],
    [new Error('wrapped', { cause: { code: 'SQLITE_FULL' } }), { kind: 'full', code: 'SQLITE_FULL' }],
  ])('classifies %o', (error, expected) => {
    expect(storageFailure(error)).toEqual(expected);
  });

  it.each([
    [{ code: 'SQLITE_CONSTRAINT_UNIQUE' }],
    [{ code: '23505' }],
    [{ code: 'SQLITE_BUSY' }],
    [new TypeError('x is undefined')],
    [null],
    ['SQLITE_FULL'],
  ])('leaves %o to the 500 path', (error) => {
    expect(storageFailure(error)).toBeUndefined();
  });
});

describe('redactConnection', () => {
  const url = 'postgres://eligo_app:s3cr%40t-pw@db.internal:5433/eligo';

  it('takes out the connection string, the password and the user name', () => {
    const text = `connect to ${url} failed: password authentication failed for user "eligo_app" (s3cr@t-pw)`;
    const out = redactConnection(text, url);
    expect(out).toBe(
      'connect to [connection string] failed: password authentication failed for user "[user]" ([password])',
    );
  });

  it('describes an error by type, code and redacted message only', () => {
    const error = Object.assign(new Error('password authentication failed for user "eligo_app"'), {
      code: '28P01',
      client: { password: 's3cr@t-pw', host: 'db.internal' },
    });
    expect(describeError(error, url)).toEqual({
      type: 'Error',
      code: '28P01',
      message: 'password authentication failed for user "[user]"',
    });
  });
});
