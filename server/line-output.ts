/**
 * Where log lines go: stdout, without ever crashing or blocking the server on it. A closed
 * stdout (`login-mock serve | head`) ends logging instead of throwing `EPIPE`; a stdout nobody
 * reads holds at most `LOG_BACKLOG_BYTES` of lines, and the ones past it are dropped and
 * counted; when the server stops, an unread stdout gets `LOG_DRAIN_GRACE_MS` before the
 * process stops waiting for it.
 */
import type { Writable } from "node:stream";

/** Log output waiting for a slow reader, at most (about 10,000 lines). Past it lines are dropped. */
export const LOG_BACKLOG_BYTES = 1024 * 1024;
/** How long a stopping server waits for an unread stdout to take its last lines. */
export const LOG_DRAIN_GRACE_MS = 500;

export interface LineOutput {
  write(line: string): void;
  /** Lines dropped so far because the reader was gone or too slow. */
  readonly dropped: number;
  /**
   * The server is stopping: lines still waiting get `graceMs` to drain, then the process exits
   * without them. Node cannot cancel a pending write to a pipe, and one would keep it alive.
   */
  release(graceMs?: number): void;
}

const outputs = new WeakMap<Writable, LineOutput>();

/** One output per stream, so a stream gets one `error` listener however often it is asked for. */
export function lineOutput(
  stream: Writable = process.stdout,
  maxBacklogBytes = LOG_BACKLOG_BYTES,
): LineOutput {
  const existing = outputs.get(stream);
  if (existing) return existing;
  const created = createLineOutput(stream, maxBacklogBytes);
  outputs.set(stream, created);
  return created;
}

function createLineOutput(stream: Writable, maxBacklogBytes: number): LineOutput {
  let gone = false;
  let dropped = 0;
  let unreported = 0;
  // Lines waiting for the reader, written as one chunk on `drain`: one pending write instead
  // of thousands keeps the backlog's cost close to its size.
  let waiting: string[] = [];
  let waitingBytes = 0;
  // EPIPE and the like: the reader went away. The server goes on without a log.
  stream.on("error", () => {
    gone = true;
    waiting = [];
  });
  const flush = () => {
    if (gone) return;
    if (unreported > 0) {
      waiting.push(`[login-mock] ${unreported} log lines dropped: stdout was not being read.\n`);
      unreported = 0;
    }
    const chunk = waiting.join("");
    waiting = [];
    waitingBytes = 0;
    if (!stream.write(chunk)) stream.once("drain", flush);
  };
  return {
    get dropped() {
      return dropped;
    },
    write(line) {
      if (gone || stream.destroyed || !stream.writable) {
        dropped++;
        return;
      }
      if (!stream.writableNeedDrain) {
        if (!stream.write(`${line}\n`)) stream.once("drain", flush);
        return;
      }
      if (waitingBytes >= maxBacklogBytes) {
        dropped++;
        unreported++;
        return;
      }
      waiting.push(`${line}\n`);
      waitingBytes += Buffer.byteLength(line) + 1;
    },
    release(graceMs = LOG_DRAIN_GRACE_MS) {
      if (gone || (stream.writableLength === 0 && waiting.length === 0)) return;
      // Unref'd: if the lines drain, the process ends on its own and this never fires.
      setTimeout(() => process.exit(), graceMs).unref();
    },
  };
}
