import { execFile } from 'node:child_process';
import path from 'node:path';

const MAIN = path.resolve(import.meta.dirname, '../../services/cli/main.ts');

export interface CliResult { code: number; stdout: string; stderr: string; ms: number }

/**
 * Runs `obligato …` as a user would, in a child process with no TTY (so progress is printed as
 * plain lines on stderr). Resolves on exit, whatever the code.
 */
export function runCli(args: string[], opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', MAIN, ...args], { timeout: opts.timeoutMs ?? 60_000, env: { ...process.env, ...opts.env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr, ms: Date.now() - started });
      });
  });
}
