// Progress bars for long transfers, drawn by cli-progress on stderr when stderr is a terminal, and never
// otherwise: a pipe, a file or a CI log gets no escape codes (stdout carries the answer either way). The
// bar is left at its last state when the transfer ends, so the terminal shows `100%` afterwards.
import cliProgress from 'cli-progress';

/** What a transfer reports to: bytes so far and in all (unknown for a download the server did not size). */
export interface Progress {
  update(done: number, total: number | undefined): void;
  /** Ends the bar: at its last state after success, where it stopped after a failure. */
  stop(): void;
}

const NONE: Progress = { update() {}, stop() {} };

/** A bar titled `label` on `stream` when it is a TTY, else a progress that draws nothing. */
export function progressBar(stream: NodeJS.WritableStream & { isTTY?: boolean }, label: string): Progress {
  if (!stream.isTTY) return NONE;
  const bar = new cliProgress.SingleBar({
    stream, format: `${label} [{bar}] {percentage}% | {done} of {size} | {eta_formatted} left`,
    hideCursor: true, clearOnComplete: false, stopOnComplete: false, etaBuffer: 20, fps: 10,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(done, total) {
      const size = total ?? Math.max(done, 1);
      if (!started) {
        bar.start(size, done, { done: bytes(done), size: total === undefined ? '?' : bytes(size) });
        started = true;
        return;
      }
      if (bar.getTotal() !== size) bar.setTotal(size);
      bar.update(done, { done: bytes(done), size: total === undefined ? '?' : bytes(size) });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** 1536 → '1.5 KiB'. */
export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** What a bulk run reports to (TransferProgress's shape, kept here so the CLI's bars need not load the bulk module). */
export interface BoardProgress {
  mailbox: { mailbox: string; total: number; ok: number; skipped: number; failed: number; unknown: number; state: 'working' | 'done' | 'failed' };
  overall: { mailboxes: number; mailboxesDone: number; total: number; done: number };
}

/** Bars for a bulk run: one for the whole run, one per mailbox under way (at most `shown`), gone when it ends. */
export function boardBars(stream: NodeJS.WritableStream & { isTTY?: boolean }, label: string, shown = 8): { update(p: BoardProgress): void; stop(): void } {
  if (!stream.isTTY) return { update() {}, stop() {} };
  const multi = new cliProgress.MultiBar({
    stream, hideCursor: true, clearOnComplete: false, stopOnComplete: false, fps: 10, etaBuffer: 50,
    format: '{label} [{bar}] {percentage}% | {value}/{total} {unit}',
  }, cliProgress.Presets.shades_classic);
  // Created on the first report, so the overall bar stays first whatever order the mailboxes report in.
  let overall: cliProgress.SingleBar | undefined;
  const mailboxes = new Map<string, cliProgress.SingleBar>();
  return {
    update({ mailbox, overall: o }) {
      overall ??= multi.create(Math.max(o.total, 1), o.done, { label: `${label} (${o.mailboxesDone}/${o.mailboxes} mailboxes)`, unit: 'messages' });
      overall.setTotal(Math.max(o.total, 1));
      overall.update(o.done, { label: `${label} (${o.mailboxesDone}/${o.mailboxes} mailboxes)` });
      const done = mailbox.ok + mailbox.skipped + mailbox.failed + mailbox.unknown;
      let bar = mailboxes.get(mailbox.mailbox);
      if (mailbox.state !== 'working') {
        if (bar) multi.remove(bar);
        mailboxes.delete(mailbox.mailbox);
        return;
      }
      if (!bar && mailboxes.size < shown) {
        bar = multi.create(Math.max(mailbox.total, 1), done, { label: `  ${mailbox.mailbox}`, unit: 'messages' });
        mailboxes.set(mailbox.mailbox, bar);
      }
      bar?.setTotal(Math.max(mailbox.total, 1));
      bar?.update(done);
    },
    stop() {
      for (const bar of mailboxes.values()) multi.remove(bar);
      multi.stop();
    },
  };
}
