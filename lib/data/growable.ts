/** A typed array that values are pushed onto, its buffer doubled whenever it is full. */
export class Growable<A extends Float64Array | Int32Array | Uint32Array> {
  length = 0;
  private data: A;

  constructor(private readonly make: (length: number) => A) {
    this.data = make(1024);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  pushAll(vs: readonly number[]): void {
    for (const v of vs) this.push(v);
  }

  /** The values pushed so far, copied. */
  values(): A {
    return this.data.slice(0, this.length) as A;
  }

  /** The values pushed so far, a view on the buffer (until the next push). */
  view(): A {
    return this.data.subarray(0, this.length) as A;
  }
}
