/** Passes at most one value per interval to `emit`; `flush` always passes the latest. */
export class Throttle<T> {
  private last = -Infinity;
  private pending: T | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (value: T) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(value: T): void {
    const now = this.now();
    if (now - this.last >= this.intervalMs) {
      this.last = now;
      this.pending = undefined;
      this.emit(value);
    } else {
      this.pending = value;
    }
  }

  flush(): void {
    if (this.pending === undefined) return;
    const value = this.pending;
    this.pending = undefined;
    this.last = this.now();
    this.emit(value);
  }
}
