/**
 * Runs the real local entry point (src/adapters/local/main.ts) in a child process and collects
 * its output, for the tests of `npm start` as a whole.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'src/adapters/local/main.ts');
const REGISTER_TS = path.join(ROOT, 'test/local/register-ts.cjs');

/** How long one run may take before it is killed and the test fails. */
export const SPAWN_TIMEOUT_MS = 20_000;

/** How a run of the entry point ended. */
export interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Where to run the entry point and the environment it sees besides PATH and HOME (= cwd). */
export interface MainRun {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Runs the real entry point; `onStdout` sees the output so far and may stop it (SIGTERM, or the signal given). */
export function runMain(
  run: MainRun,
  onStdout?: (stdout: string, stop: (signal?: NodeJS.Signals) => void) => void,
): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', REGISTER_TS, MAIN], {
      cwd: run.cwd,
      env: { PATH: process.env.PATH, HOME: run.cwd, ...run.env },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`main did not finish: ${stdout} ${stderr}`));
    }, SPAWN_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, (signal) => child.kill(signal ?? 'SIGTERM'));
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
