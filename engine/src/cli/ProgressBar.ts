export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean };

/**
 * `\r[#####     ] 50% 5000/10000` on a terminal, redrawn at most ten times a second; silent
 * when the stream is not a terminal (the command prints its own summary line).
 */
export class ProgressBar {
  readonly #tty: boolean;
  #lastDrawn = 0;

  constructor(private readonly out: ProgressStream) {
    this.#tty = out.isTTY === true;
  }

  update(done: number, total: number): void {
    if (!this.#tty) return;
    const now = performance.now();
    if (done < total && now - this.#lastDrawn < 100) return;
    this.#lastDrawn = now;
    const fraction = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(fraction * 30);
    this.out.write(
      `\r[${'#'.repeat(filled)}${' '.repeat(30 - filled)}] ${Math.floor(fraction * 100)}% ${done}/${total}`,
    );
  }

  /** Draws the final state and ends the bar's line. */
  finish(done: number, total: number): void {
    this.update(done, total);
    if (this.#tty) this.out.write('\n');
  }
}
