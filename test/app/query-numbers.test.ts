import { OPERATIONS } from '../../src/app/operations';

describe('whole numbers in a query string', () => {
  it.each([
    ['a negative number', '-1'],
    ['a number past the range', '1000000000'],
    ['a fraction', '1.5'],
    ['a word', 'soon'],
  ])('are refused with the allowed range when given %s', (_, value) => {
    expect(OPERATIONS.listAllTokens.parse({ expiringWithinDays: value })).toEqual({
      ok: false,
      errors: [{ field: 'expiringWithinDays', reason: 'must be a whole number from 0 to 3660' }],
    });
  });

  it('name the range of the field they are for', () => {
    expect(OPERATIONS.listAudit.parse({ limit: '0' })).toEqual({
      ok: false,
      errors: [{ field: 'limit', reason: 'must be a whole number from 1 to 200' }],
    });
  });

  it('are read from decimal digits', () => {
    expect(OPERATIONS.listAllTokens.parse({ unusedForDays: '30', limit: 5 })).toEqual({
      ok: true,
      value: { unusedForDays: 30, limit: 5 },
    });
  });
});
