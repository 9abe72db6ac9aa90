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
