/**
 * No token secret, token hash, password or Authorization header value leaks: the main flows
 * run over real HTTP (REST, gateway, bridge, failures, errors) with every log field captured
 * raw, then logs, audit records (and their CSV), every answer (the create and rotate answers
 * without their one `token` field) and the database file on disk are searched for them.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { generateToken } from '../../src/core/token-format';
import { AUDIT_ACTIONS } from '../../src/core/types';
import { basic, send } from './http';
import { runMainFlows, type SecretTrail } from './secret-flows';
import { startWorld, type World } from './world';

let world: World;
let secrets: SecretTrail['secrets'];
let answers: SecretTrail['answers'];

beforeAll(async () => {
  world = await startWorld({ onDisk: true });
  await world.configure({ trustedProxies: ['127.0.0.1'] });
  ({ secrets, answers } = await runMainFlows(world));
}, 30_000);

afterAll(async () => world.close());

function leaksIn(text: string): string[] {
  return [...secrets]
    .filter(([value]) => value.length >= 8 && text.includes(value))
    .map(([, kind]) => kind);
}

describe('echoes of input', () => {
  it('do not return a secret sent as an unknown field name', async () => {
    const secret = generateToken();
    const reply = await send(world.baseUrl, '/api/v1/tokens', {
      method: 'POST',
      auth: basic('admin', 'admin-password'),
      body: { name: 'Echo', validity: 'never', [secret]: 1 },
    });
    expect(reply.status).toBe(400);
    expect(reply.text).not.toContain(secret);
  });
});

describe('secrets never leak', () => {
  it('the flows used many secrets (the search is not empty)', () => {
    expect([...new Set(secrets.values())].sort()).toEqual([
      'Authorization credentials',
      'Authorization header',
      'password',
      'token hash',
      'token secret',
      'token secret after its hint',
    ]);
    expect(answers.length).toBeGreaterThan(30);
  });

  it('into any log line or field', () => {
    const lines = world.logs.map((entry) => JSON.stringify(entry));
    expect(lines.filter((line) => leaksIn(line).length > 0)).toEqual([]);
  });

  it('into audit records or their CSV export', async () => {
    const records = await world.stores.audit.list({ limit: 1000 });
    expect(new Set(records.items.map((record) => record.action)).size).toBe(AUDIT_ACTIONS.length);
    expect(leaksIn(JSON.stringify(records.items))).toEqual([]);
    const csv = answers.find((answer) =>
      answer.label.startsWith('GET /api/v1/audit?format=csv → 200'),
    );
    expect(csv?.text).toContain('tokens.deleted_all');
    expect(leaksIn(csv?.text ?? '')).toEqual([]);
  });

  it('into any answer: lists, errors, pages, the bridge', () => {
    const leaky = answers.filter((answer) => leaksIn(answer.text).length > 0);
    expect(leaky.map((answer) => `${answer.label}: ${leaksIn(answer.text).join(', ')}`)).toEqual(
      [],
    );
  });

  it('into the database files (hashes are stored, secrets and passwords never)', async () => {
    const dir = path.dirname(world.dbFile ?? '');
    const files = (await readdir(dir)).filter((name) => name.startsWith('app.db'));
    const bytes = (await Promise.all(files.map((name) => readFile(path.join(dir, name))))).map(
      (b) => b.toString('latin1'),
    );
    const found = bytes.flatMap((text) => leaksIn(text)).filter((kind) => kind !== 'token hash');
    expect(found).toEqual([]);
  });
});
