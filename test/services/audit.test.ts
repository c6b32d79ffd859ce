/** The audit log as administrators read it: filters, paging, user summaries, CSV. */
import type { PublicAuditRecord } from '../../src/app/contract';
import { createHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

function records(result: Awaited<ReturnType<Harness['run']>>): PublicAuditRecord[] {
  return result.ok ? (result.data as { records: PublicAuditRecord[] }).records : [];
}

describe('list', () => {
  it('lists newest first with actor and target as people, filtered by actor, target and action', async () => {
    await h.token('alice', { name: 'a' });
    h.clock.advance(1000);
    await h.run('admin', 'createToken', { name: 'b', validity: 'never', user: 'bob' });
    h.clock.advance(1000);
    await h.configure({ maxValidity: '2y' });

    const all = records(await h.run('admin', 'listAudit', {}));
    expect(all.map((record) => record.action)).toEqual([
      'settings.changed',
      'token.created',
      'token.created',
    ]);
    expect(all[1]).toMatchObject({
      at: '2025-06-01T12:00:01.000Z',
      actor: { accountId: 'acc-admin', username: 'admin' },
      target: { accountId: 'acc-bob', username: 'bob', email: 'bob@example.test' },
      tokenName: 'b',
      onBehalf: true,
    });

    const byActor = records(await h.run('admin', 'listAudit', { actor: 'admin' }));
    expect(byActor.map((record) => record.action)).toEqual(['settings.changed', 'token.created']);
    const byTarget = records(await h.run('admin', 'listAudit', { target: 'alice@example.test' }));
    expect(byTarget.map((record) => record.tokenName)).toEqual(['a']);
    const byAction = records(await h.run('admin', 'listAudit', { action: 'settings.changed' }));
    expect(byAction).toHaveLength(1);
  });

  it('pages with limit and cursor, the limit given as a query string', async () => {
    for (const name of ['a', 'b', 'c']) {
      await h.token('alice', { name });
      h.clock.advance(1000);
    }
    const first = await h.run('admin', 'listAudit', { limit: '2' });
    expect(records(first).map((record) => record.tokenName)).toEqual(['c', 'b']);
    const cursor = first.ok ? (first.data as { nextCursor?: string }).nextCursor : undefined;
    expect(cursor).toEqual(expect.any(String));
    const second = await h.run('admin', 'listAudit', { limit: 2, cursor });
    expect(records(second).map((record) => record.tokenName)).toEqual(['a']);
  });

  it('refuses an unknown action or a non-numeric limit naming the field', async () => {
    expect(await h.run('admin', 'listAudit', { action: 'token.stolen' })).toMatchObject({
      status: 400,
      error: { details: [{ field: 'action' }] },
    });
    expect(await h.run('admin', 'listAudit', { limit: '10abc' })).toMatchObject({
      status: 400,
      error: { details: [{ field: 'limit' }] },
    });
  });

  it('keeps an unknown actor readable as its accountId', async () => {
    await h.token('bob');
    h.directory.remove('acc-bob');
    const [record] = records(await h.run('admin', 'listAudit', { actor: 'acc-bob' }));
    expect(record).toMatchObject({
      actor: { accountId: 'acc-bob' },
      target: { accountId: 'acc-bob' },
    });
    expect(record?.actor).not.toHaveProperty('username');
  });
});

describe('CSV export', () => {
  it('exports the filtered records with a header row and neutralises formula cells', async () => {
    await h.token('alice', { name: '=HYPERLINK("x")' });
    await h.token('bob', { name: 'plain' });
    const result = await h.run('admin', 'exportAuditCsv', { target: 'alice' });
    const csv = result.ok ? (result.data as { csv: string }).csv : '';
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).not.toContain('plain');
  });

  it('is for administrators only', async () => {
    expect(await h.run('bob', 'exportAuditCsv', {})).toMatchObject({
      status: 403,
      error: { code: 'ADMIN_REQUIRED' },
    });
  });
});
