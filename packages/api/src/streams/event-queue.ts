/**
 * What a hub pushes to one stream, pulled by that stream's generator at the
 * pace its client reads. Bounded: a reader that falls `max` events behind has
 * its backlog replaced by what `overflow` makes of the newest item (the feed:
 * one `reset`), so a slow client never holds an unbounded amount of memory.
 */
export class EventQueue<T> {
  #items: T[] = [];
  #head = 0;
  #wake: (() => void) | null = null;
  #ended = false;

  constructor(
    private readonly max: number,
    private readonly overflow: (newest: T) => T[],
  ) {}

  push(item: T): void {
    if (this.#ended) return;
    if (this.#items.length - this.#head >= this.max) {
      this.#items = this.overflow(item);
      this.#head = 0;
    } else {
      this.#items.push(item);
    }
    this.#wakeUp();
  }

  /** No more items: the generator returns once it has taken what is queued. */
  end(): void {
    this.#ended = true;
    this.#wakeUp();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      if (this.#head < this.#items.length) {
        const item = this.#items[this.#head]!;
        this.#head += 1;
        if (this.#head === this.#items.length) {
          this.#items = [];
          this.#head = 0;
        }
        yield item;
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }
}
