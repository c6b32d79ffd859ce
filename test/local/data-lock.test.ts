/**
 * One server per DATA_DIR: a second `npm start` on the same directory stops with one line and
 * exit code 1, two starts at once never both run, a server killed outright leaves nothing that
 * stops the next, a stale pid file is ignored, and the pid file goes away on SIGTERM.
 */
import { spawnSync } from 'node:child_process';
import { access, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DATA_LOCK_DATABASE,
  DATA_LOCK_FILE,
  lockDataDir,
} from '../../src/adapters/local/data-lock';
import { StartupError } from '../../src/adapters/local/runtime';
import { type Exit, SPAWN_TIMEOUT_MS, runMain } from '../support/run-main';
import { startTestServer } from '../support/server';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'ata-lock-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Runs the real entry point on `dataDir`; `onStdout` may stop it (SIGTERM by default). */
function runMainOn(
  dataDir: string,
  onStdout?: (stdout: string, stop: (signal?: NodeJS.Signals) => void) => void,
): Promise<Exit> {
  const env = { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  return runMain({ cwd: scratch, env }, onStdout);
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** A pid that named a process a moment ago and names none now. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid;
  if (pid === undefined) {
    throw new Error('no pid');
  }
  return pid;
}

describe('npm start on a DATA_DIR another server uses', () => {
  it(
    'stops the second start with one line and exit 1, and the first removes its lock on SIGTERM',
    async () => {
      const dataDir = path.join(scratch, 'shared');
      const lockFile = path.join(dataDir, DATA_LOCK_FILE);
      let second: Exit | null = null;
      let lockWhileRunning = '';
      let checked = false;
      const first = await runMainOn(dataDir, (stdout, stop) => {
        if (!stdout.includes('running on') || checked) {
          return;
        }
        checked = true;
        void readFile(lockFile, 'utf8')
          .then((text) => (lockWhileRunning = text))
          .then(() => runMainOn(dataDir))
          .then((exit) => (second = exit))
          .finally(stop);
      });

      const firstPid = Number(lockWhileRunning.trim());
      expect(firstPid).toBeGreaterThan(0);
      expect(second).toEqual({
        code: 1,
        stdout: '',
        stderr:
          `Another server is using DATA_DIR ${dataDir} (pid ${firstPid}); ` +
          'stop it or choose another DATA_DIR\n',
      });
      expect(first.code).toBe(0);
      expect(await exists(lockFile)).toBe(false);
    },
    2 * SPAWN_TIMEOUT_MS,
  );
});

describe('npm start after a crash, and two starts at once', () => {
  it(
    'starts at once after a server was killed outright (SIGKILL leaves no lock behind)',
    async () => {
      const dataDir = path.join(scratch, 'killed');
      const killed = await runMainOn(dataDir, (stdout, stop) => {
        if (stdout.includes('running on')) {
          stop('SIGKILL');
        }
      });
      const leftBehind = await readFile(path.join(dataDir, DATA_LOCK_FILE), 'utf8');

      let stopped = false;
      const next = await runMainOn(dataDir, (stdout, stop) => {
        // Once: a second SIGTERM during the graceful stop would kill the process outright.
        if (!stopped && stdout.includes('running on')) {
          stopped = true;
          stop();
        }
      });

      expect(killed.code).toBeNull();
      expect(Number(leftBehind.trim())).toBeGreaterThan(0);
      expect(next.code).toBe(0);
      expect(next.stdout).toContain('running on');
    },
    3 * SPAWN_TIMEOUT_MS,
  );

  it(
    'lets exactly one of two servers started together on a stale lock run',
    async () => {
      const dataDir = path.join(scratch, 'race');
      await mkdir(dataDir, { recursive: true });
      await writeFile(path.join(dataDir, DATA_LOCK_FILE), `${deadPid()}\n`);
      const running: ((signal?: NodeJS.Signals) => void)[] = [];
      let refused = 0;
      // Stops the servers that run once both starts have either run or ended.
      const settle = (): void => {
        if (running.length + refused === 2) {
          running.forEach((stop) => stop());
        }
      };
      const start = (): Promise<Exit> => {
        let ran = false;
        return runMainOn(dataDir, (stdout, stop) => {
          if (!ran && stdout.includes('running on')) {
            ran = true;
            running.push(stop);
            settle();
          }
        }).then((exit) => {
          if (!ran) {
            refused += 1;
            settle();
          }
          return exit;
        });
      };

      const exits = await Promise.all([start(), start()]);

      const codes = exits.map((exit) => exit.code).sort();
      expect(codes).toEqual([0, 1]);
      const loser = exits.find((exit) => exit.code === 1);
      expect(loser?.stderr).toContain(`Another server is using DATA_DIR ${dataDir}`);
    },
    3 * SPAWN_TIMEOUT_MS,
  );
});

describe('the DATA_DIR lock', () => {
  it.each([
    ['names a dead process', (): string => `${deadPid()}\n`],
    ['is unreadable', (): string => 'not a pid'],
    ['is empty', (): string => ''],
    [
      'names this process, which does not hold it (a restart with the same pid)',
      (): string => `${process.pid}\n`,
    ],
  ])('is taken over when it %s, and removed on close', async (_case, content) => {
    const dataDir = path.join(scratch, `stale-${Math.random().toString(36).slice(2)}`);
    await mkdir(dataDir, { recursive: true });
    const lockFile = path.join(dataDir, DATA_LOCK_FILE);
    await writeFile(lockFile, content());

    const server = await startTestServer({ dataDir });
    try {
      expect(await readFile(lockFile, 'utf8')).toBe(`${process.pid}\n`);
    } finally {
      await server.close();
    }
    expect(await exists(lockFile)).toBe(false);
  });

  it('refuses a second runtime in the same process and lets it start once the first closed', async () => {
    const dataDir = path.join(scratch, 'same-process');
    const first = await startTestServer({ dataDir });
    const refused = startTestServer({ dataDir });
    await expect(refused).rejects.toThrow(StartupError);
    await expect(refused).rejects.toThrow(
      `Another server is using DATA_DIR ${dataDir} (pid ${process.pid}); stop it or choose another DATA_DIR`,
    );
    await first.close();

    const again = await startTestServer({ dataDir });
    await again.close();
  });

  it('starts when the pid file names a live process that holds no lock (a reused pid)', async () => {
    const dataDir = path.join(scratch, 'pid-one');
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, DATA_LOCK_FILE), '1\n');

    const lock = await lockDataDir(dataDir);
    const named = await readFile(lock.file, 'utf8');
    const files = (await readdir(dataDir)).sort();
    await lock.release();

    expect(named).toBe(`${process.pid}\n`);
    expect(files).toEqual([DATA_LOCK_FILE, DATA_LOCK_DATABASE]);
  });

  it('leaves a lock alone on release when it no longer names this process', async () => {
    const dataDir = path.join(scratch, 'taken-over');
    const lock = await lockDataDir(dataDir);
    await writeFile(lock.file, '1\n');
    await lock.release();
    expect(await readFile(lock.file, 'utf8')).toBe('1\n');
  });
});
