import { auditCsv, buildAuditRecord, type PublicAuditRecordLike } from '../../src/core/audit';

const AT = Date.parse('2024-05-01T12:00:00.000Z');

describe('audit record builder', () => {
  it('marks a token created by an admin for another user as on behalf', () => {
    const record = buildAuditRecord({
      at: AT,
      actorId: 'acc-admin',
      targetId: 'acc-alice',
      action: 'token.created',
      tokenId: 'tok_1',
      tokenName: 'CI',
      actorIp: '203.0.113.5',
    });

    expect(record).toEqual({
      id: expect.stringMatching(/^aud_[0-9A-Za-z]{22}$/),
      at: AT,
      actorId: 'acc-admin',
      targetId: 'acc-alice',
      action: 'token.created',
      tokenId: 'tok_1',
      tokenName: 'CI',
      actorIp: '203.0.113.5',
      onBehalf: true,
    });
  });

  it('does not mark a user’s own change or a settings change as on behalf', () => {
    const own = buildAuditRecord({
      at: AT,
      actorId: 'acc-alice',
      targetId: 'acc-alice',
      action: 'token.deleted',
      actorIp: null,
    });
    const settings = buildAuditRecord({
      at: AT,
      actorId: 'acc-admin',
      targetId: null,
      action: 'settings.changed',
      actorIp: '10.0.0.1',
      changes: [{ field: 'maxValidity', before: 'never', after: '1y' }],
    });

    expect(own.onBehalf).toBe(false);
    expect(own.tokenId).toBeNull();
    expect(settings.onBehalf).toBe(false);
    expect(settings.changes).toEqual([{ field: 'maxValidity', before: 'never', after: '1y' }]);
  });

  it('keeps the count and the new token id, and draws a new id each time', () => {
    const input = {
      at: AT,
      actorId: 'acc-admin',
      targetId: 'acc-bob',
      action: 'tokens.deleted_all' as const,
      actorIp: null,
      count: 3,
    };

    expect(buildAuditRecord(input).count).toBe(3);
    expect(buildAuditRecord(input).id).not.toBe(buildAuditRecord(input).id);
    expect(
      buildAuditRecord({ ...input, action: 'token.rotated', newTokenId: 'tok_2' }).newTokenId,
    ).toBe('tok_2');
  });
});

function exported(overrides: Partial<PublicAuditRecordLike>): PublicAuditRecordLike {
  return {
    id: 'aud_1',
    at: '2024-05-01T12:00:00.000Z',
    action: 'token.created',
    actor: { accountId: 'acc-admin', username: 'admin' },
    target: { accountId: 'acc-alice', username: 'alice' },
    tokenId: 'tok_1',
    tokenName: 'CI',
    actorIp: '203.0.113.5',
    onBehalf: true,
    ...overrides,
  };
}

const HEADER =
  'time,action,actor,actorAccountId,target,targetAccountId,onBehalf,tokenId,tokenName,actorIp,details,id';

describe('audit CSV export', () => {
  it('writes a header row and one CRLF-terminated row per record', () => {
    expect(auditCsv([exported({})])).toBe(
      `${HEADER}\r\n` +
        '2024-05-01T12:00:00.000Z,token.created,admin,acc-admin,alice,acc-alice,true,tok_1,CI,203.0.113.5,,aud_1\r\n',
    );
  });

  it('writes only the header for no records', () => {
    expect(auditCsv([])).toBe(`${HEADER}\r\n`);
  });

  it('quotes cells with commas, quotes and line breaks (RFC 4180)', () => {
    const csv = auditCsv([exported({ tokenName: 'a, "b"\nc' })]);

    expect(csv).toContain(',"a, ""b""\nc",');
  });

  it.each(['=HYPERLINK("http://x")', '+1', '-1+2', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'defuses a cell starting like a formula: %j',
    (name) => {
      const csv = auditCsv([exported({ tokenName: name })]);
      const cells = csv.split('\r\n')[1] ?? '';

      expect(cells).toContain(`'${name.replace(/"/g, '""')}`);
      expect(cells).not.toMatch(new RegExp(`,"?${escapeRegExp(name.slice(0, 1))}`));
    },
  );

  it('writes settings changes, counts and rotations in the details column', () => {
    const csv = auditCsv([
      exported({
        action: 'settings.changed',
        target: null,
        tokenId: null,
        tokenName: null,
        onBehalf: false,
        changes: [{ field: 'adminsOnlyCreate', before: false, after: true }],
      }),
      exported({ action: 'tokens.deleted_all', count: 4 }),
      exported({ action: 'token.rotated', newTokenId: 'tok_2' }),
      exported({ actor: { accountId: 'acc-gone' }, actorIp: null }),
    ]);
    const rows = csv.split('\r\n');

    expect(rows[1]).toBe(
      '2024-05-01T12:00:00.000Z,settings.changed,admin,acc-admin,,,false,,,203.0.113.5,' +
        '"changes=[{""field"":""adminsOnlyCreate"",""before"":false,""after"":true}]",aud_1',
    );
    expect(rows[2]).toContain(',count=4,');
    expect(rows[3]).toContain(',newTokenId=tok_2,');
    expect(rows[4]).toContain(',acc-gone,acc-gone,alice,');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
