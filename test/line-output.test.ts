import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { lineOutput } from "../server/line-output.ts";

/** A stream whose reader takes nothing until `read()` is called. */
function unreadStream() {
  const pending: (() => void)[] = [];
  const chunks: string[] = [];
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      pending.push(callback);
    },
  });
  return {
    stream,
    chunks,
    read() {
      while (pending.length > 0) pending.shift()?.();
    },
  };
}

describe("lineOutput", () => {
  it("holds at most its backlog for a reader that does not read, and counts the rest", () => {
    const { stream } = unreadStream();
    const output = lineOutput(stream, 10_000);
    for (let i = 0; i < 10_000; i++) output.write(`line ${i} ${"x".repeat(50)}`);
    expect(stream.writableLength).toBeLessThan(2048);
    expect(output.dropped).toBeGreaterThan(9_000);
  });

  it("says how many lines it dropped once the reader catches up", async () => {
    const { stream, chunks, read } = unreadStream();
    const output = lineOutput(stream, 1_000);
    for (let i = 0; i < 200; i++) output.write(`line ${i} ${"x".repeat(50)}`);
    const dropped = output.dropped;
    for (let round = 0; round < 5; round++) {
      read();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(chunks.join("")).toContain(`[login-mock] ${dropped} log lines dropped`);
  });

  it("survives a reader that went away (EPIPE): no throw, lines dropped", async () => {
    const stream = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
      },
    });
    const output = lineOutput(stream);
    output.write("first");
    await new Promise((resolve) => setImmediate(resolve));
    expect(() => output.write("second")).not.toThrow();
    expect(output.dropped).toBeGreaterThanOrEqual(1);
  });
});
