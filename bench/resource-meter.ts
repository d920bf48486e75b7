// Peaks of what a check holds while it runs: promises not yet resolved (optional: a hook on every promise
// slows the process), live timers, and abort listeners on every AbortSignal. Used by bench row 7 and by
// the unit test that shows these stay flat with the number of batches.
import { createHook } from 'node:async_hooks';
import { getEventListeners } from 'node:events';

export interface ResourcePeaks {
  promises: number;
  timers: number;
  abortListeners: number;
}

export interface ResourceMeter {
  readonly peaks: ResourcePeaks;
  stop(): void;
}

export function startResourceMeter(options: { promises: boolean }): ResourceMeter {
  const peaks: ResourcePeaks = { promises: 0, timers: 0, abortListeners: 0 };
  const promises = new Set<number>();
  const timers = new Set<number>();
  const signals = new Set<AbortSignal>();
  const hook = createHook({
    init(id, type) {
      if (type === 'PROMISE' && options.promises) peaks.promises = Math.max(peaks.promises, promises.add(id).size);
      else if (type === 'Timeout') peaks.timers = Math.max(peaks.timers, timers.add(id).size);
    },
    ...(options.promises && { promiseResolve: (id: number) => promises.delete(id) }),
    destroy: (id) => timers.delete(id),
  }).enable();
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original, kept to be called with .call(this) by the wrapper and put back by stop()
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
    (add as (...args: unknown[]) => void).call(this, type, ...rest);
    if (type !== 'abort' || !(this instanceof AbortSignal)) return;
    signals.add(this);
    let live = 0;
    for (const signal of signals) {
      const n = getEventListeners(signal, 'abort').length;
      if (n === 0) signals.delete(signal);
      live += n;
    }
    peaks.abortListeners = Math.max(peaks.abortListeners, live);
  };
  return {
    peaks,
    stop() {
      hook.disable();
      EventTarget.prototype.addEventListener = add;
    },
  };
}
