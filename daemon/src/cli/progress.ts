/**
 * A one-line progress bar on a terminal's stderr (`[####------] 12/40`), redrawn in place. When
 * stderr is not a terminal (piped, redirected, CI) it draws nothing, so logs stay clean.
 */
export class ProgressBar {
  private done = 0;
  private drawn = false;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly width = 30,
  ) {}

  get active(): boolean {
    return this.stream.isTTY === true && this.total > 1;
  }

  /** Counts one more item done and redraws. */
  tick(): void {
    this.done++;
    this.draw();
  }

  /** Removes the bar before other output is written to the same terminal; draw() puts it back. */
  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }

  draw(): void {
    if (!this.active) return;
    const filled = Math.round((this.done / this.total) * this.width);
    this.stream.write(
      `\r[${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}] ${this.done}/${this.total}`,
    );
    this.drawn = true;
  }
}
