import path from 'node:path';
import { loadConfig } from '../../src/adapters/local/config';

const CWD = '/srv/app';

function errorFor(env: NodeJS.ProcessEnv): string {
  const result = loadConfig(env, CWD);
  if (result.ok) {
    throw new Error('expected a configuration error');
  }
  return result.error;
}

describe('local runtime configuration', () => {
  it('uses 127.0.0.1:8080, ./.data, the demo upstream and X-Forwarded-User by default', () => {
    expect(loadConfig({}, CWD)).toEqual({
      ok: true,
      config: {
        port: 8080,
        host: '127.0.0.1',
        dataDir: path.join(CWD, '.data'),
        usersFile: null,
        upstreamUrl: null,
        identityHeader: 'x-forwarded-user',
        logLevel: 'info',
      },
    });
  });

  it('reads every setting from the environment', () => {
    const result = loadConfig(
      {
        PORT: '9000',
        HOST: '::1',
        DATA_DIR: 'var/data',
        USERS_FILE: '/etc/users.json',
        UPSTREAM_URL: 'http://127.0.0.1:7000/jira',
        IDENTITY_HEADER: 'X-Remote-User',
        LOG_LEVEL: 'WARN',
      },
      CWD,
    );
    expect(result.ok && result.config).toMatchObject({
      port: 9000,
      host: '::1',
      dataDir: '/srv/app/var/data',
      usersFile: '/etc/users.json',
      identityHeader: 'x-remote-user',
      logLevel: 'warn',
    });
    expect(result.ok && result.config.upstreamUrl?.href).toBe('http://127.0.0.1:7000/jira');
  });

  it.each([
    [
      { PORT: 'eighty' },
      'Invalid setting PORT: must be a whole number from 0 to 65535 (got "eighty")',
    ],
    [
      { PORT: '70000' },
      'Invalid setting PORT: must be a whole number from 0 to 65535 (got "70000")',
    ],
    [
      { HOST: 'not a host' },
      'Invalid setting HOST: must be an IP address or a host name to listen on (got "not a host")',
    ],
    [{ DATA_DIR: '' }, 'Invalid setting DATA_DIR: must be a file system path (got "")'],
    [
      { UPSTREAM_URL: 'ftp://127.0.0.1/' },
      'Invalid setting UPSTREAM_URL: must be an http:// or https:// URL without user, password, query or fragment (got "ftp://127.0.0.1/")',
    ],
    [
      { UPSTREAM_URL: 'http://u:p@127.0.0.1/' },
      'Invalid setting UPSTREAM_URL: must be an http:// or https:// URL without user, password, query or fragment (got "http://u:p@127.0.0.1/")',
    ],
    [
      { IDENTITY_HEADER: 'X User' },
      'Invalid setting IDENTITY_HEADER: must be an HTTP header name (got "X User")',
    ],
    [
      { IDENTITY_HEADER: 'Authorization' },
      'Invalid setting IDENTITY_HEADER: must not be a header the gateway or HTTP itself uses (got "Authorization")',
    ],
    [
      { LOG_LEVEL: 'loud' },
      'Invalid setting LOG_LEVEL: must be one of silent, error, warn, info (got "loud")',
    ],
  ])('refuses %j with one line naming the setting', (env, message) => {
    expect(errorFor(env)).toBe(message);
  });
});
