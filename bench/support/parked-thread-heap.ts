import v8 from 'node:v8';
import { BroadcastChannel, isMainThread, threadId } from 'node:worker_threads';

/**
 * Preloaded (`--require`) in the `parked` worker process, so that it also runs in the SDK's
 * workflow threads, whose V8 heaps are not visible from the main thread on Node 20. Asked over a
 * BroadcastChannel (the SDK's own parentPort stays untouched), each thread collects its garbage
 * and answers its heap. Bench instrumentation only.
 */

export const THREAD_HEAP_CHANNEL = 'baton-bench-parked-thread-heap';

/**
 * Full collections in a row: one leaves part of the evicted workflows' garbage (with cache
 * 1,000, up to 600 MiB over a 250 MiB live heap); several get down to the live heap.
 */
export const FULL_COLLECTIONS = 8;

export interface ThreadHeap {
  readonly threadId: number;
  /** V8 heap in use after the collections: what the thread retains. */
  readonly usedMiB: number;
  /** V8 heap committed (part of RSS), which collections do not always give back. */
  readonly committedMiB: number;
}

export type ThreadHeapMessage = { readonly type: 'collect' } | ({ readonly type: 'heap' } & ThreadHeap);

if (!isMainThread) {
  const channel = new BroadcastChannel(THREAD_HEAP_CHANNEL);
  channel.unref();
  channel.onmessage = (event: unknown) => {
    const message = (event as { data: ThreadHeapMessage }).data;
    if (message.type !== 'collect') return;
    const { gc } = globalThis as { gc?: () => void };
    for (let i = 0; i < FULL_COLLECTIONS; i++) gc?.();
    const heap = v8.getHeapStatistics();
    const reply: ThreadHeapMessage = {
      type: 'heap',
      threadId,
      usedMiB: heap.used_heap_size / 2 ** 20,
      committedMiB: heap.total_heap_size / 2 ** 20,
    };
    channel.postMessage(reply);
  };
}
