import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  boundYoungGeneration,
  type HeapControls,
  youngGenerationSizedByUser,
} from "../server/young-generation.ts";

const MiB = 2 ** 20;

function fakeHeap(bytes: number) {
  const heap = {
    bytes,
    factors: [] as number[],
    listener: undefined as (() => void) | undefined,
    collect(newBytes: number) {
      heap.bytes = newBytes;
      heap.listener?.();
    },
  };
  const controls: HeapControls = {
    newSpaceBytes: () => heap.bytes,
    setGrowthFactor: (factor) => heap.factors.push(factor),
    afterEachCollection(listener) {
      heap.listener = listener;
      return () => {
        heap.listener = undefined;
      };
    },
  };
  return { heap, controls };
}

describe("the serve process's young generation stays within its bound", () => {
  it("stops V8 growing new space once it reaches the bound, and lets it grow again below it", () => {
    const { heap, controls } = fakeHeap(2 * MiB);
    boundYoungGeneration(16 * MiB, controls);
    heap.collect(8 * MiB);
    expect(heap.factors).toEqual([]);
    heap.collect(16 * MiB);
    heap.collect(16 * MiB);
    expect(heap.factors).toEqual([1]);
    // Idle, V8 shrank it: growth is allowed back up to the bound.
    heap.collect(4 * MiB);
    expect(heap.factors).toEqual([1, 2]);
  });

  it("gives V8 its growth back when lifted", () => {
    const { heap, controls } = fakeHeap(32 * MiB);
    const lift = boundYoungGeneration(16 * MiB, controls);
    expect(heap.factors).toEqual([1]);
    lift();
    expect(heap.factors).toEqual([1, 2]);
    expect(heap.listener).toBeUndefined();
  });

  it("leaves a young generation the user sized alone", () => {
    expect(youngGenerationSizedByUser(["--max-semi-space-size=64"], "")).toBe(true);
    expect(youngGenerationSizedByUser([], "--max_semi_space_size=2")).toBe(true);
    expect(youngGenerationSizedByUser(["--enable-source-maps"], "--max-old-space-size=512")).toBe(
      false,
    );
  });

  // The bound relies on V8 reading the growth factor at run time; a Node that stops doing so
  // fails here, not silently in the bench's RSS.
  it("holds a real V8's new space at the bound under load that grows it without one", () => {
    // Where new space settles: V8 may add a page or two for a moment while a full collection
    // is under way, and gives them back after it.
    const settled = (bound: boolean) => {
      const module = fileURLToPath(new URL("../server/young-generation.ts", import.meta.url));
      const script = `
        import { getHeapSpaceStatistics } from "node:v8";
        import { boundYoungGeneration } from ${JSON.stringify(module)};
        if (${bound}) boundYoungGeneration(4 * 2 ** 20);
        const live = [];
        for (let turn = 0; turn < 3000; turn++) {
          // Survivors, as replies waiting for the end of their turn are.
          for (let i = 0; i < 1000; i++) live.push({ i, text: "x".repeat(24) + i });
          live.splice(0, live.length - 2000);
          await new Promise((resolve) => setImmediate(resolve));
        }
        console.log(getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size);`;
      const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
        encoding: "utf8",
      });
      return Number(output.trim());
    };
    expect(settled(false)).toBeGreaterThan(4 * MiB);
    expect(settled(true)).toBeLessThanOrEqual(4 * MiB);
  });
});
