import { describe, expect, it } from '@jest/globals';
import { KeyedQueue } from './keyed-queue.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Admits a task like the consume loop does; `done` settles when the task has run. */
async function admit(queue: KeyedQueue, key: string, task: () => Promise<void>): Promise<{ done: Promise<void> }> {
  await queue.slot();
  return { done: queue.run(key, task) };
}

describe(KeyedQueue.name, () => {
  it('should run the tasks of one key one after another, in arrival order', async () => {
    const queue = new KeyedQueue(4);
    const order: string[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const done = await Promise.all(
      gates.map((gate, i) =>
        admit(queue, 'household-1', async () => {
          order.push(`start ${i}`);
          await gate.promise;
          order.push(`end ${i}`);
        }),
      ),
    );
    gates[2]!.resolve();
    gates[1]!.resolve();
    gates[0]!.resolve();
    await Promise.all(done.map((d) => d.done));
    expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('should let other keys run while tasks of a busy key wait for it', async () => {
    const queue = new KeyedQueue(2);
    const gate = deferred();
    const blocked = await admit(queue, 'busy', () => gate.promise);
    // Waiting behind 'busy' must not take the second execution slot.
    const waiting = [await admit(queue, 'busy', async () => undefined), await admit(queue, 'busy', async () => undefined)];
    let otherRan = false;
    await (
      await admit(queue, 'other', async () => {
        otherRan = true;
      })
    ).done;
    expect(otherRan).toBe(true);
    gate.resolve();
    await Promise.all([blocked, ...waiting].map((t) => t.done));
    expect(queue.size).toBe(0);
  });

  it('should never run more than `limit` tasks at once, and admit at most `buffer`', async () => {
    const queue = new KeyedQueue(2, 3);
    let running = 0;
    let peak = 0;
    const gate = deferred();
    const tasks: Promise<void>[] = [];
    const admitted: Promise<void>[] = [];
    for (let i = 0; i < 6; i++) {
      admitted.push(
        (async () => {
          const task = await admit(queue, `key-${i}`, async () => {
            running++;
            peak = Math.max(peak, running);
            await gate.promise;
            running--;
          });
          tasks.push(task.done);
        })(),
      );
    }
    await new Promise((r) => setImmediate(r));
    expect(queue.size).toBe(3);
    expect(running).toBe(2);
    gate.resolve();
    await Promise.all(admitted);
    await Promise.all(tasks);
    expect(peak).toBe(2);
    expect(queue.size).toBe(0);
  });

  it('should go on with the next task of a key when one fails', async () => {
    const queue = new KeyedQueue(1);
    const ran: number[] = [];
    const first = await admit(queue, 'k', async () => {
      ran.push(1);
      throw new Error('handler failed');
    });
    const second = await admit(queue, 'k', async () => {
      ran.push(2);
    });
    await Promise.all([first.done, second.done]);
    expect(ran).toEqual([1, 2]);
  });

  it('should admit at once only while an admission is free and nobody waits, and hand a released one to the waiter', async () => {
    const queue = new KeyedQueue(1, 2);
    expect(queue.tryAdmit()).toBe(true);
    expect(queue.tryAdmit()).toBe(true);
    expect(queue.tryAdmit()).toBe(false);
    let waiterAdmitted = false;
    const waiting = queue.slot().then(() => {
      waiterAdmitted = true;
    });
    queue.release();
    await waiting;
    expect(waiterAdmitted).toBe(true);
    expect(queue.size).toBe(2);
    queue.release();
    expect(queue.tryAdmit()).toBe(true);
  });
});

