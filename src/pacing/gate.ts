/** At most `capacity` holders at once; the others wait their turn, first come first served. */
export class Gate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly capacity = Number.POSITIVE_INFINITY) {}

  async enter(): Promise<void> {
    if (this.active < this.capacity) {
      this.active += 1;
      return;
    }
    // The slot is handed over by leave(), so `active` stays counted.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}

export const sleep = (ms: number) =>
  ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
