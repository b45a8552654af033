// What a receiving system keeps of each delivery. The Idempotency-Key index is what makes a
// redelivery after a timeout harmless, and what tests inspect to prove exactly-once delivery.
import crypto from 'node:crypto';
import fs from 'node:fs';

export interface Receipt {
  id: string;
  at: string;
  idempotencyKey: string | null;
  contentType: string;
  /** Request headers as received (lower-case names), without Authorization. */
  headers: Record<string, string>;
  body: string;
}

/**
 * An append-only list of receipts, deduplicated by Idempotency-Key. In memory; with a journal file (one JSON
 * line per receipt) it survives a restart of its server, so a redelivery after the restart is still recognised.
 */
export class ReceiptBook<T extends Receipt = Receipt> {
  private readonly receipts: T[] = [];
  private readonly byKey = new Map<string, T>();

  constructor(
    private readonly prefix: string,
    private readonly journalFile?: string,
  ) {
    if (!journalFile || !fs.existsSync(journalFile)) return;
    const text = fs.readFileSync(journalFile, 'utf8');
    // End a line cut short, so the next receipt starts a line of its own.
    if (text !== '' && !text.endsWith('\n')) fs.appendFileSync(journalFile, '\n');
    for (const line of text.split('\n')) {
      // A line cut short by a kill during the write was never answered with 201, so it is dropped.
      if (line.trim() === '') continue;
      try {
        this.remember(JSON.parse(line) as T);
      } catch {
        continue;
      }
    }
  }

  private remember(receipt: T): void {
    this.receipts.push(receipt);
    if (receipt.idempotencyKey !== null && !this.byKey.has(receipt.idempotencyKey))
      this.byKey.set(receipt.idempotencyKey, receipt);
  }

  /** The receipt filed earlier under this key, if any. */
  find(idempotencyKey: string | null): T | undefined {
    return idempotencyKey === null ? undefined : this.byKey.get(idempotencyKey);
  }

  /** Files a new receipt; the caller has checked `find` first. */
  add(fields: Omit<T, 'id' | 'at'>): T {
    const receipt = {
      ...fields,
      id: `${this.prefix}-${crypto.randomUUID()}`,
      at: new Date().toISOString(),
    } as T;
    if (this.journalFile) fs.appendFileSync(this.journalFile, `${JSON.stringify(receipt)}\n`);
    this.remember(receipt);
    return receipt;
  }

  list(): T[] {
    return [...this.receipts];
  }

  clear(): void {
    if (this.journalFile) fs.writeFileSync(this.journalFile, '');
    this.receipts.length = 0;
    this.byKey.clear();
  }
}

/** Headers worth keeping for inspection: everything but the secret. */
export function keptHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'authorization' || value === undefined) continue;
    kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}
