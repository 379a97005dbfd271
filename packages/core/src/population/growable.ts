type TypedArray = Float64Array | Int32Array | Uint16Array | Uint8Array;
type TypedArrayOf<T extends TypedArray> = { new (length: number): T };

/** A typed array that doubles when full, so a batch is built without knowing its size first. */
export class Growable<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(private readonly make: TypedArrayOf<T>) {
    this.data = new make(256);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** A copy of exactly the values pushed; the builder starts over afterwards. */
  take(): T {
    const out = this.data.slice(0, this.length) as T;
    this.length = 0;
    return out;
  }
}
