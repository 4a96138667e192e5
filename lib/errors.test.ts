import { describe, expect, it } from 'vitest';
import { AppError, isDatabaseUnavailable, toPublicError } from './errors';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('the database being away is a 503, once, in the mapper', () => {
  it.each([
    ['refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['reset', withCode('read ECONNRESET', 'ECONNRESET')],
    ['terminated', new Error('Connection terminated unexpectedly')],
    ['admin shutdown', withCode('terminating connection due to administrator command', '57P01')],
    ['starting up', withCode('the database system is starting up', '57P03')],
    ['not queryable', new Error('Client has encountered a connection error and is not queryable')],
    ['prisma unreachable', withCode("Can't reach database server at 127.0.0.1:5432", 'P1001')],
    ['pool timeout', withCode('Timed out fetching a new connection from the connection pool', 'P2024')],
    ['wrapped', Object.assign(new Error('driver adapter error'), { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') })],
  ])('%s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toPublicError(error)).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect(toPublicError(error).message).not.toMatch(/127\.0\.0\.1|5432/);
  });

  it('leaves other errors alone', () => {
    expect(toPublicError(withCode('Unique constraint failed', 'P2002')).status).toBe(409);
    expect(toPublicError(new AppError('NOT_FOUND', 'x')).status).toBe(404);
    expect(toPublicError(new TypeError('x is undefined')).status).toBe(500);
    expect(isDatabaseUnavailable(withCode('syntax error', '42601'))).toBe(false);
  });
});
