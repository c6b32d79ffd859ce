/**
 * README.md stays true: it starts with the two commands, and its curl walkthrough, run as
 * written (only the address changed to the test server's), gives the answers it describes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestServer, type TestServer } from '../support/server';

const README = path.resolve(__dirname, '../../README.md');
const DOCUMENTED_BASE = 'http://127.0.0.1:8080';

/** The shell blocks of the "Walkthrough" section, in order. */
function walkthroughScript(readme: string): string {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Walkthrough'));
  if (section === undefined) {
    throw new Error('README.md has no Walkthrough section');
  }
  const blocks = [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
  return blocks.join('\n');
}

type Json = Record<string, unknown>;
type Check = [string, (line: Json | string) => boolean];

const json = (line: Json | string): Json => (typeof line === 'string' ? {} : line);
const SIX_MONTHS_MS = [181, 184].map((days) => days * 24 * 60 * 60 * 1000);

const EXPECTED: Check[] = [
  ['the new token', (line) => typeof line === 'string' && /^atat_[0-9A-Za-z]{34}$/.test(line)],
  ['myself with Basic', (line) => json(line).name === 'admin'],
  ['myself with Bearer', (line) => json(line).name === 'admin'],
  ['validity capped', (line) => json(line).maxValidity === '6m' && json(line).version === 2],
  [
    'the 1-year token now expires six months after creation',
    (line) => {
      const [token] = json(line).tokens as { createdAt: string; expiresAt: string }[];
      const lifetime = Date.parse(token?.expiresAt ?? '') - Date.parse(token?.createdAt ?? '');
      return lifetime >= (SIX_MONTHS_MS[0] ?? 0) && lifetime <= (SIX_MONTHS_MS[1] ?? 0);
    },
  ],
  ['a longer validity refused', (line) => json(line).code === 'INVALID_INPUT'],
  ['IP restricted', (line) => JSON.stringify(json(line).ipAllowlist) === '["127.0.0.1"]'],
  ['a remote address refused', (line) => json(line).code === 'IP_NOT_ALLOWED'],
  ['this machine allowed', (line) => json(line).clientIp === '127.0.0.1'],
  ['passwords off', (line) => json(line).passwordAuthEnabled === false],
  ['the password refused', (line) => json(line).code === 'PASSWORD_AUTH_DISABLED'],
  ['the token still works', (line) => json(line).name === 'admin'],
  [
    'settings back to the defaults',
    (line) =>
      json(line).maxValidity === 'never' &&
      JSON.stringify(json(line).ipAllowlist) === '[]' &&
      json(line).passwordAuthEnabled === true,
  ],
  [
    'the audit trail, newest first',
    (line) => (json(line).records as { action: string }[])[0]?.action === 'settings.changed',
  ],
];

describe('README.md', () => {
  let readme: string;
  let folder: string;
  let server: TestServer;

  beforeAll(async () => {
    readme = await readFile(README, 'utf8');
    folder = await mkdtemp(path.join(os.tmpdir(), 'ata-readme-'));
    server = await startTestServer({ dataDir: path.join(folder, '.data'), users: 'demo' });
  });
  afterAll(async () => {
    await server.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('starts with the command that runs the app and the command that runs the tests', () => {
    expect(readme.split('\n').slice(0, 4)).toEqual([
      '```sh',
      'npm install && npm start',
      'npm test',
      '```',
    ]);
  });

  it('has a walkthrough that works exactly as written', async () => {
    const script = walkthroughScript(readme);
    expect(script).toContain(`BASE=${DOCUMENTED_BASE}\n`);
    const { stdout } = await promisify(execFile)(
      'bash',
      [
        '-euo',
        'pipefail',
        '-c',
        script.replace(`BASE=${DOCUMENTED_BASE}`, `BASE=${server.baseUrl}`),
      ],
      { cwd: folder, timeout: 30_000 },
    );
    const lines = stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line): Json | string => (line.startsWith('{') ? (JSON.parse(line) as Json) : line));
    expect(lines).toHaveLength(EXPECTED.length);
    EXPECTED.forEach(([label, check], index) => {
      expect([label, check(lines[index] ?? '')]).toEqual([label, true]);
    });
  });

  it('names, under "Where data lives", every file the app keeps in DATA_DIR', async () => {
    const section = readme.split(/^## /m).find((part) => part.startsWith('Where data lives'));
    const files = (await readdir(path.join(folder, '.data'))).filter(
      (name) => !/-(wal|shm|journal)$/.test(name),
    );
    expect(files).toEqual(expect.arrayContaining(['app.db', 'session-secret', 'users.json']));
    const missing = files.filter((name) => !(section ?? '').includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
