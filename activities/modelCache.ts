// A bounded least-recently-used cache of compiled models (JSON text) in the worker. Versions are immutable,
// so an entry never goes stale; the bound only keeps memory in check when many versions run at once.
import type { ModelRef } from '../workflows/bpmn/api';

export interface ModelCacheLimits {
  /** Most entries kept (default 64). */
  maxEntries?: number;
  /** Most characters kept over all entries (default 256 million, about 256 MB of ASCII JSON). */
  maxChars?: number;
}

export class ModelCache {
  private readonly entries = new Map<string, Promise<string | undefined>>();
  private readonly sizes = new Map<string, number>();
  private chars = 0;
  /** Loads from the depot (for tests and figures). */
  loads = 0;

  constructor(
    private readonly load: (ref: ModelRef) => Promise<string | undefined>,
    private readonly limits: ModelCacheLimits = {},
  ) {}

  /** The model's JSON; concurrent calls for one version share one load. Unknown versions are not cached. */
  get(ref: ModelRef): Promise<string | undefined> {
    const key = `${ref.modelId}@${ref.version}`;
    const cached = this.entries.get(key);
    if (cached) {
      // Re-insert: Map keeps insertion order, so the first key is the least recently used one.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    this.loads += 1;
    const loading = this.load(ref).then(
      (json) => {
        if (json === undefined) this.forget(key, loading);
        else this.admit(key, json.length);
        return json;
      },
      (error: unknown) => {
        this.forget(key, loading);
        throw error;
      },
    );
    this.entries.set(key, loading);
    return loading;
  }

  get size(): number {
    return this.entries.size;
  }

  private admit(key: string, length: number): void {
    if (!this.entries.has(key)) return;
    this.sizes.set(key, length);
    this.chars += length;
    const maxEntries = this.limits.maxEntries ?? 64;
    const maxChars = this.limits.maxChars ?? 256_000_000;
    for (const oldest of this.entries.keys()) {
      if ((this.entries.size <= maxEntries && this.chars <= maxChars) || oldest === key) break;
      this.drop(oldest);
    }
  }

  private forget(key: string, loading: Promise<string | undefined>): void {
    if (this.entries.get(key) === loading) this.drop(key);
  }

  private drop(key: string): void {
    this.entries.delete(key);
    this.chars -= this.sizes.get(key) ?? 0;
    this.sizes.delete(key);
  }
}
