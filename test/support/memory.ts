/** Memory measurements for the tests that prove a transfer or an import holds little at a time. */
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/**
 * Memory in use (JS heap and buffers) after full collections: what is held, not garbage. Buffers'
 * memory is given back after the collection that frees them, so it collects twice, a turn apart.
 */
export async function liveMemory(): Promise<number> {
  gc();
  await new Promise((r) => setImmediate(r));
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Samples memory in use while `work` runs; answers its result and the largest growth seen. */
export async function measured<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  // From the lowest sample, not the first: memory held from before (pooled connections' buffers)
  // that is let go during the work would otherwise hide what the work holds.
  let low = await liveMemory();
  let peak = low;
  let running = true;
  const sampler = (async () => {
    while (running) {
      const now = await liveMemory();
      peak = Math.max(peak, now);
      low = Math.min(low, now);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  try {
    return { result: await work(), growth: peak - low };
  } finally {
    running = false;
    await sampler;
  }
}
