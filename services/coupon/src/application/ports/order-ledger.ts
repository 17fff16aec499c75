/** Per-order bookkeeping that makes the saga steps for one order serial and final. */
export interface OrderLedger<Tx = unknown> {
  /** Serialises the apply and restore steps of one order across instances until the transaction ends. */
  lock(tx: Tx, orderId: string): Promise<void>;
  isTombstoned(tx: Tx, orderId: string): Promise<boolean>;
  tombstone(tx: Tx, orderId: string, reason: string): Promise<void>;
}
