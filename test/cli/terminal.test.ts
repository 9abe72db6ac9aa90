// The progress bar in a real terminal: the executable runs inside tmux (a pseudo-terminal), and the
// screen must show the bar with its label, ending at 100%; the same download with stderr piped must draw
// nothing at all (no escape codes, no bar). Skipped, saying so, where tmux is not installed (.ci/run installs it).
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { DEFAULT_APPS } from 'msgraph-ts/emulator';
import { BIN, signedInWorld, type CliWorld } from './helpers.js';

const exec = promisify(execFile);
const hasTmux = spawnSync('tmux', ['-V']).status === 0;

let world: CliWorld;
before(async () => {
  world = await signedInWorld();
  await writeFile(join(world.dir, 'movie.bin'), randomBytes(40 * 1024 * 1024));
  const up = await world.cli(['drive', 'upload', 'movie.bin', 'Videos/']);
  assert.equal(up.code, 0, up.stderr);
});
after(() => world?.close());

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs the CLI with `args` in a tmux pane (a real pseudo-terminal) of `rows` lines, in `cwd`, its stdout to
 * `stdoutFile`; returns the screen once it has ended.
 */
async function inTerminal(name: string, args: string, options: { cwd: string; env: Record<string, string>; rows: number }): Promise<string> {
  const socket = `msgraph-ts-cli-${name}-${process.pid}`;
  const tmux = (...a: string[]) => exec('tmux', ['-L', socket, ...a]);
  const script = join(world.dir, `${name}-in-terminal.sh`);
  const exports = Object.entries(options.env).map(([k, v]) => `export ${k}=${quote(v)}`).join('\n');
  await writeFile(script, `${exports}\ncd ${quote(options.cwd)}\n${quote(process.execPath)} ${quote(BIN)} ${args}\necho "EXIT=$?"\nsleep 60\n`);
  await tmux('new-session', '-d', '-x', '160', '-y', String(options.rows), '-s', 'cli', `bash ${quote(script)}`);
  try {
    let screen = '';
    const until = Date.now() + 90_000;
    while (!/EXIT=\d+/.test(screen) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      screen = (await tmux('capture-pane', '-p', '-t', 'cli')).stdout;
    }
    return screen;
  } finally {
    await tmux('kill-server').catch(() => {});
  }
}

const NO_TMUX = hasTmux ? false : 'tmux is not installed (apt-get install tmux)';

test('in a terminal, the download draws a progress bar that ends at 100%', { skip: NO_TMUX, timeout: 120_000 }, async () => {
  await mkdir(join(world.dir, 'tty'));
  const screen = await inTerminal('download', 'drive download Videos/movie.bin -o text > answer.txt', { cwd: join(world.dir, 'tty'), env: world.env, rows: 20 });
  assert.match(screen, /EXIT=0/, screen);
  assert.match(screen, /Downloading movie\.bin \[[█░]+\] 100% \| 40\.0 MiB of 40\.0 MiB/, screen);
  assert.match(await readFile(join(world.dir, 'tty', 'answer.txt'), 'utf8'), /^bytes: +41943040$/m, 'the answer still goes to stdout');
});

test('in a terminal, an export draws its overall bar (and one per mailbox under way), ending at 100% of every mailbox', { skip: NO_TMUX, timeout: 120_000 }, async () => {
  const daemon = DEFAULT_APPS.find((a) => a.secret)!;
  const env = { ...world.env, MSGRAPH_TS_AUTH_TYPE: 'secret', MSGRAPH_TS_APP_ID: daemon.clientId, MSGRAPH_TS_SECRET: daemon.secret! };
  const screen = await inTerminal('export', 'export --mailboxes all --out exported -o text > export.txt', { cwd: world.dir, env, rows: 30 });
  assert.match(screen, /EXIT=0/, screen);
  const [, done, all, messages, total] = /Exporting \((\d+)\/(\d+) mailboxes\) \[[█░]+\] 100% \| (\d+)\/(\d+) messages/.exec(screen) ?? [];
  assert.ok(done !== undefined && done === all && Number(all) > 1 && messages === total, screen);
  assert.match(await readFile(join(world.dir, 'export.txt'), 'utf8'), /done/, 'the summary still goes to stdout');
});

test('with stderr piped, the same download draws nothing: no bar, no escape codes', { timeout: 60_000 }, async () => {
  await mkdir(join(world.dir, 'piped'));
  const r = await world.cli(['drive', 'download', 'Videos/movie.bin', '-o', 'text'], { cwd: join(world.dir, 'piped') });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.doesNotMatch(r.stdout, /\u001b/);
  assert.match(r.stdout, /^bytes: +41943040$/m);
});
