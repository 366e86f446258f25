/**
 * The seed's progress on stderr: on a terminal one line redrawn in place (a bar, the leads done, the
 * phase, elapsed time and ETA); otherwise a plain line at most every few seconds, for logs.
 */
export class Progress {
  private readonly started = Date.now();
  private lastPrinted = 0;
  private lastPhase = '';
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly plainEveryMs = 5_000,
  ) {}

  /** `done` leads of `total` are in; the ETA assumes the rest go at the same pace (plus a tail for the final phases). */
  update(phase: string, done = this.done): void {
    this.done = done;
    const now = Date.now();
    const elapsed = (now - this.started) / 1000;
    const share = this.total ? done / this.total : 1;
    const eta = share > 0 && share < 1 ? (elapsed / share) * (1 - share) * 1.05 : null;
    const text = `${(share * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en')}/${this.total.toLocaleString('en')} leads  ${phase}  ${clock(elapsed)} elapsed${eta !== null ? `, ETA ${clock(eta)}` : ''}`;
    if (this.out.isTTY) {
      const width = 24;
      const filled = Math.round(share * width);
      this.out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\x1b[K`);
    } else if (phase !== this.lastPhase || now - this.lastPrinted >= this.plainEveryMs) {
      this.out.write(`seed: ${text}\n`);
      this.lastPrinted = now;
    }
    this.lastPhase = phase;
  }

  /** Ends the in-place line so that what follows starts on its own. */
  finish(phase: string): void {
    this.update(phase, this.total);
    if (this.out.isTTY) this.out.write('\n');
  }
}

export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
