/**
 * Where the outbox keeps its queues: one record per account, each change made in one step. In the browser that is
 * IndexedDB (it survives reloads, is not limited to a few MB of strings, and a readwrite transaction makes "read the
 * queue, change it, write it" atomic across tabs); component tests and browsers that refuse IndexedDB get memory.
 */
export interface QueueStore<T> {
  /** The account's queue, oldest first. */
  read(userId: string): Promise<T[]>;
  /** Changes the account's queue in one step (one transaction) and returns it as stored. An empty queue is deleted. */
  update(userId: string, change: (items: T[]) => T[]): Promise<T[]>;
}

/** A queue store that lives as long as the page: what a test gives the outbox, and the fallback without IndexedDB. */
export function memoryQueueStore<T>(): QueueStore<T> & { accounts(): string[] } {
  const queues = new Map<string, T[]>();
  return {
    read: async (userId) => [...(queues.get(userId) ?? [])],
    async update(userId, change) {
      const next = change([...(queues.get(userId) ?? [])]);
      if (next.length === 0) queues.delete(userId); else queues.set(userId, [...next]);
      return [...next];
    },
    accounts: () => [...queues.keys()],
  };
}

export const OUTBOX_DB = 'sogyo-campus';
export const OUTBOX_STORE = 'outbox';
const DB_VERSION = 1;

const done = <R>(r: IDBRequest<R>) => new Promise<R>((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });

/**
 * IndexedDB database `sogyo-campus`, object store `outbox`: `{ userId, items }` keyed by the account's id. The database
 * is opened on first use; if it cannot be opened (blocked storage) every call fails, and the caller keeps the items
 * in memory instead.
 */
export function indexedDbQueueStore<T>(factory: IDBFactory = indexedDB): QueueStore<T> {
  let db: Promise<IDBDatabase> | undefined;
  const open = () => (db ??= new Promise<IDBDatabase>((ok, fail) => {
    const r = factory.open(OUTBOX_DB, DB_VERSION);
    r.onupgradeneeded = () => { if (!r.result.objectStoreNames.contains(OUTBOX_STORE)) r.result.createObjectStore(OUTBOX_STORE, { keyPath: 'userId' }); };
    r.onsuccess = () => {
      // Another tab's newer version of the app upgrades the database: let it, and open again on the next call.
      r.result.onversionchange = () => { r.result.close(); db = undefined; };
      ok(r.result);
    };
    r.onerror = () => { db = undefined; fail(r.error); };
    r.onblocked = () => { db = undefined; fail(new Error('IndexedDB upgrade blocked')); };
  }));
  return {
    async read(userId) {
      const tx = (await open()).transaction(OUTBOX_STORE, 'readonly');
      const rec = await done(tx.objectStore(OUTBOX_STORE).get(userId)) as { items?: T[] } | undefined;
      return Array.isArray(rec?.items) ? rec.items : [];
    },
    async update(userId, change) {
      const tx = (await open()).transaction(OUTBOX_STORE, 'readwrite');
      const store = tx.objectStore(OUTBOX_STORE);
      const committed = new Promise<void>((ok, fail) => { tx.oncomplete = () => ok(); tx.onerror = () => fail(tx.error); tx.onabort = () => fail(tx.error); });
      committed.catch(() => undefined); // awaited below; a failed read reports the same error first
      const rec = await done(store.get(userId)) as { items?: T[] } | undefined;
      // Still inside the transaction: `change` is synchronous, so no other tab can write between the read and the put.
      const next = change(Array.isArray(rec?.items) ? rec.items : []);
      if (next.length === 0) store.delete(userId); else store.put({ userId, items: next });
      await committed;
      return next;
    },
  };
}

/**
 * The store the app uses: IndexedDB where the browser has it and lets the page open it, memory otherwise (component
 * tests under happy-dom; a browser with storage blocked keeps the queue for the life of the page, as before).
 */
export function defaultQueueStore<T>(): QueueStore<T> {
  const idb = typeof indexedDB === 'undefined' ? undefined : indexedDbQueueStore<T>();
  if (!idb) return memoryQueueStore<T>();
  const memory = memoryQueueStore<T>();
  let broken = false;
  const guard = <R>(op: (s: QueueStore<T>) => Promise<R>) => (broken ? op(memory) : op(idb).catch((e: unknown) => {
    // Only a database that cannot be opened at all sends us to memory; a failed transaction is the caller's to handle.
    if (e instanceof DOMException && (e.name === 'InvalidStateError' || e.name === 'SecurityError' || e.name === 'UnknownError')) { broken = true; return op(memory); }
    throw e;
  }));
  return { read: (u) => guard((s) => s.read(u)), update: (u, c) => guard((s) => s.update(u, c)) };
}
