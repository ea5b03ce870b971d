/**
 * A bound on V8's young generation (its "new space") in the `serve` process. Under sustained
 * load V8 doubles new space whenever as many bytes have survived collection as it holds, and
 * Node 24 lets it reach 128 MiB; replies waiting for the end of their turn (`turn-end.ts`)
 * survive more often, so it got there sooner and RSS grew with it. Past the bound V8 keeps
 * collecting in the space it has: CPU per login stayed within the noise and RSS fell back
 * (decision 8 has the bench:compare rounds).
 *
 * V8 reads `--semi-space-growth-factor` each time it considers growing, so the bound is set at
 * run time, after each collection, instead of as a command-line flag the bin would have to
 * re-spawn Node to pass. It is the `serve` command's own: the library never touches the V8
 * flags of a process it is imported into, and a user's own semi-space flags win.
 */

import { PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";

/** New space (both semi-spaces) stops growing at this size. */
export const YOUNG_GENERATION_MB = 16;
/** V8's own default: each growth doubles new space. */
const V8_GROWTH_FACTOR = 2;

export interface HeapControls {
  /** Bytes new space holds now (both semi-spaces). */
  newSpaceBytes(): number;
  setGrowthFactor(factor: number): void;
  /** Calls `listener` after each garbage collection; returns a function that stops it. */
  afterEachCollection(listener: () => void): () => void;
}

/** Holds new space at `limitBytes` from now on; returns a function that lifts the bound. */
export function boundYoungGeneration(
  limitBytes = YOUNG_GENERATION_MB * 2 ** 20,
  heap: HeapControls = nodeHeap(),
): () => void {
  let growing = true;
  const check = () => {
    // Below the bound again (V8 shrinks new space when the process goes idle), it may grow.
    const mayGrow = heap.newSpaceBytes() < limitBytes;
    if (mayGrow === growing) return;
    growing = mayGrow;
    heap.setGrowthFactor(mayGrow ? V8_GROWTH_FACTOR : 1);
  };
  check();
  const stop = heap.afterEachCollection(check);
  return () => {
    stop();
    if (!growing) heap.setGrowthFactor(V8_GROWTH_FACTOR);
  };
}

/** Whether the user sized the young generation themselves (flags or NODE_OPTIONS). */
export function youngGenerationSizedByUser(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? "",
): boolean {
  return /semi[-_]space/.test(`${execArgv.join(" ")} ${nodeOptions}`);
}

function nodeHeap(): HeapControls {
  return {
    newSpaceBytes: () =>
      getHeapSpaceStatistics().find((space) => space.space_name === "new_space")?.space_size ?? 0,
    setGrowthFactor: (factor) => setFlagsFromString(`--semi-space-growth-factor=${factor}`),
    afterEachCollection(listener) {
      const observer = new PerformanceObserver(listener);
      observer.observe({ entryTypes: ["gc"] });
      return () => observer.disconnect();
    },
  };
}
