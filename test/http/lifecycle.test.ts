/**
 * The local runtime as a whole: data survives a restart, demo users appear on first start,
 * and the real entry point stops with one clear line on bad configuration.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runMain } from '../support/run-main';
import { basic, bearer, startTestServer } from '../support/server';
import { call, createTokenWithPassword } from './client';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'ata-lifecycle-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('restarts', () => {
  it('keeps tokens, settings and the audit log across a restart', async () => {
    const dataDir = path.join(scratch, 'restart');
    const first = await startTestServer({ dataDir });
    const { token } = await createTokenWithPassword(first.baseUrl, 'admin');
    const admin = basic('admin', token);
    const settings = (
      await call(first.baseUrl, 'GET', '/api/v1/settings', { authorization: admin })
    ).body;
    await call(first.baseUrl, 'PUT', '/api/v1/settings', {
      authorization: admin,
      body: { ...(settings as object), maxValidity: '2y' },
    });
    await first.close();

    const second = await startTestServer({ dataDir });
    try {
      const myself = await call(second.baseUrl, 'GET', '/rest/api/2/myself', {
        authorization: admin,
      });
      expect((myself.body as { name: string }).name).toBe('admin');
      const saved = await call(second.baseUrl, 'GET', '/api/v1/settings', { authorization: admin });
      expect(saved.body).toMatchObject({ maxValidity: '2y', version: 2 });
      const audit = await call(second.baseUrl, 'GET', '/api/v1/audit', { authorization: admin });
      const actions = (audit.body as { records: { action: string }[] }).records.map(
        (r) => r.action,
      );
      expect(actions).toEqual(['settings.changed', 'token.created']);
    } finally {
      await second.close();
    }
  });

  it('writes demo users once, with their passwords in a 0600 file, and keeps them on restart', async () => {
    const dataDir = path.join(scratch, 'demo');
    const first = await startTestServer({ dataDir, users: 'demo' });
    const credentialsFile = path.join(dataDir, 'demo-credentials.txt');
    expect(first.runtime.credentialsFile).toBe(credentialsFile);
    expect((await stat(credentialsFile)).mode & 0o777).toBe(0o600);
    const credentials = await readFile(credentialsFile, 'utf8');
    const adminPassword = /^admin (\S+)$/m.exec(credentials)?.[1] ?? '';
    const me = await call(first.baseUrl, 'GET', '/api/v1/me', {
      authorization: basic('admin', adminPassword),
    });
    expect(me.body).toMatchObject({ username: 'admin', isAdmin: true });
    await first.close();

    const second = await startTestServer({ dataDir, users: 'demo' });
    try {
      expect(await readFile(credentialsFile, 'utf8')).toBe(credentials);
      const again = await call(second.baseUrl, 'GET', '/api/v1/me', {
        authorization: basic('admin', adminPassword),
      });
      expect(again.status).toBe(200);
      const alice = await call(second.baseUrl, 'GET', '/api/v1/me', {
        authorization: basic('alice', /^alice (\S+)$/m.exec(credentials)?.[1] ?? ''),
      });
      expect(alice.body).toMatchObject({ username: 'alice', isAdmin: false });
    } finally {
      await second.close();
    }
  });
});

describe('npm start', () => {
  it('prints the page URLs and the credentials file, serves, and stops cleanly on SIGTERM', async () => {
    const dataDir = path.join(scratch, 'started');
    let health: number | null = null;
    let asked = false;
    const exit = await runMain(
      { cwd: scratch, env: { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' } },
      (stdout, stop) => {
        const url = /running on (http:\/\/\S+)/.exec(stdout)?.[1];
        if (url === undefined || !stdout.includes('Demo credentials:') || asked) {
          return;
        }
        asked = true;
        void fetch(`${url}/healthz`).then((response) => {
          health = response.status;
          stop();
        }, stop);
      },
    );
    expect(health).toBe(200);
    expect(exit.code).toBe(0);
    for (const page of [
      '/jira/admin',
      '/confluence/admin',
      '/jira/profile/tokens',
      '/confluence/profile/tokens',
      '/login',
    ]) {
      expect(exit.stdout).toMatch(new RegExp(`http://127\\.0\\.0\\.1:\\d+${page}\\n`));
    }
    expect(exit.stdout).toContain(
      `Demo credentials:       ${path.join(dataDir, 'demo-credentials.txt')}`,
    );
  });

  it.each([
    [
      { PORT: '99999' },
      'Invalid setting PORT: must be a whole number from 0 to 65535 (got "99999")',
    ],
    [
      { UPSTREAM_URL: 'file:///etc/passwd' },
      'Invalid setting UPSTREAM_URL: must be an http:// or https:// URL without user, password, query or fragment (got "file:///etc/passwd")',
    ],
    [
      { IDENTITY_HEADER: 'Cookie' },
      'Invalid setting IDENTITY_HEADER: must not be a header the gateway or HTTP itself uses (got "Cookie")',
    ],
  ])('stops with exit code 1 and one line naming the setting for %j', async (env, line) => {
    const exit = await runMain({
      cwd: scratch,
      env: { ...env, DATA_DIR: path.join(scratch, 'never') },
    });
    expect(exit).toEqual({ code: 1, stdout: '', stderr: `${line}\n` });
  });

  it('stops with one line naming USERS_FILE and the bad entry', async () => {
    const usersFile = path.join(scratch, 'bad-users.json');
    await writeFile(
      usersFile,
      JSON.stringify([{ username: 'x', displayName: 'X', email: 'nope', password: 'p' }]),
    );
    const exit = await runMain({
      cwd: scratch,
      env: { PORT: '0', USERS_FILE: usersFile, DATA_DIR: path.join(scratch, 'bad-users') },
    });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toBe(
      `Invalid setting USERS_FILE: ${usersFile}: entry 1 ("x"): email must be an email address\n`,
    );
  });

  it('stops with one line naming PORT when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const exit = await runMain({
        cwd: scratch,
        env: { PORT: String(port), DATA_DIR: path.join(scratch, 'taken'), LOG_LEVEL: 'silent' },
      });
      expect(exit.code).toBe(1);
      expect(exit.stderr).toBe(
        `Invalid setting PORT/HOST: cannot listen on HOST=127.0.0.1 PORT=${port} (EADDRINUSE)\n`,
      );
    } finally {
      blocker.close();
    }
  });
});

describe('tokens with the demo users', () => {
  it('work through a bearer header on a freshly started server', async () => {
    const server = await startTestServer({ users: 'demo' });
    try {
      const credentials = await readFile(server.runtime.credentialsFile ?? '', 'utf8');
      const password = /^bob (\S+)$/m.exec(credentials)?.[1] ?? '';
      const created = await call(server.baseUrl, 'POST', '/api/v1/tokens', {
        authorization: basic('bob', password),
        body: { name: 'ci', validity: '6m' },
      });
      const token = (created.body as { token: string }).token;
      const myself = await call(server.baseUrl, 'GET', '/rest/api/2/myself', {
        authorization: bearer(token),
      });
      expect(myself.body).toMatchObject({ name: 'bob', emailAddress: 'bob@example.com' });
    } finally {
      await server.close();
    }
  });
});
