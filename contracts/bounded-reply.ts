/**
 * The one reader of a target's replies. A target is not trusted to end its reply, keep it
 * small or keep its JSON shallow: each reply is read as a stream within a time limit, its
 * headers and its body (counted after fetch has decompressed it, so a gzip bomb is cut off at
 * the same size as a plain body) within byte limits, and its JSON within a depth limit. A reply
 * that breaks one is the target's fault: `ReplyLimitError`, which the run reports as a
 * `reply-limits` violation of the case, and never a crash or an unbounded wait.
 */
import { maxHeaderSize } from "node:http";
import { MAX_JSON_DEPTH, parseBoundedJson } from "./bounded-json.ts";

/** The most body the harness reads, in bytes after decompression: a login reply is ~1 kB. */
export const MAX_REPLY_BYTES = 1024 * 1024;
/**
 * The most header fields a reply may have (distinct names plus each Set-Cookie line; repeated
 * lines of another field arrive joined, as fetch joins them, and count toward the size).
 */
export const MAX_REPLY_HEADERS = 100;
/**
 * The most header bytes (names and values) a reply may have. Node's HTTP client stops reading
 * at the same size (`--max-http-header-size`, 16 KiB by default) and that is reported alike.
 */
export const MAX_REPLY_HEADER_BYTES = 16 * 1024;
/** The name a broken limit is reported under, beside the checks' own names. */
export const REPLY_LIMITS_CHECK = "reply-limits";

export interface ReplyLimits {
  readonly maxBodyBytes: number;
  readonly maxHeaders: number;
  readonly maxHeaderBytes: number;
  readonly maxJsonDepth: number;
}

const DEFAULT_REPLY_LIMITS: ReplyLimits = {
  maxBodyBytes: MAX_REPLY_BYTES,
  maxHeaders: MAX_REPLY_HEADERS,
  maxHeaderBytes: MAX_REPLY_HEADER_BYTES,
  maxJsonDepth: MAX_JSON_DEPTH,
};

/** What had arrived of a reply when it broke a limit (nothing, when its headers were too big). */
export interface PartialReply {
  readonly status: number;
  readonly contentType: string | null;
}

/** The target's reply broke a limit: a violation of the case, not a network problem. */
export class ReplyLimitError extends Error {
  override readonly name = "ReplyLimitError";
  /** Which limit: `time` means the reply began but did not end in time. */
  readonly limit: "body" | "headers" | "depth" | "time";
  readonly received: PartialReply | undefined;
  constructor(
    message: string,
    limit: "body" | "headers" | "depth" | "time",
    received: PartialReply | undefined,
  ) {
    super(message);
    this.limit = limit;
    this.received = received;
  }
}

/** Nothing came back (not even a status line and headers) within the time limit. */
export class NoReplyError extends Error {
  override readonly name = "NoReplyError";
}

/** The caller's signal (the run's deadline) ended the read. */
export class ReplyAbortedError extends Error {
  override readonly name = "ReplyAbortedError";
}

export interface BoundedReply {
  readonly status: number;
  /** Lower-case names; repeated headers other than Set-Cookie joined by ", " as fetch does. */
  readonly headers: Map<string, string>;
  readonly setCookies: string[];
  readonly bodyText: string;
  /** The parsed body, or undefined when it is not JSON. */
  readonly json: unknown;
}

export interface ReadOptions {
  /** The whole reply, from sending the request to its last body byte. */
  readonly timeoutMs: number;
  readonly limits?: Partial<ReplyLimits> | undefined;
  /** Aborts the request and the read (the run's deadline). */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Sends `init` to `url` and reads the reply within the limits. Throws `ReplyLimitError` (the
 * target's fault), `NoReplyError` (no headers in time), `ReplyAbortedError` (the caller's
 * signal), or fetch's own error for a connection that failed.
 */
export async function fetchBounded(
  url: string,
  init: Omit<RequestInit, "signal">,
  options: ReadOptions,
): Promise<BoundedReply> {
  const limits = { ...DEFAULT_REPLY_LIMITS, ...options.limits };
  const seconds = formatSeconds(options.timeoutMs);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`no complete reply within ${seconds}`));
  }, options.timeoutMs);
  const stop = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) stop();
  else options.signal?.addEventListener("abort", stop, { once: true });
  // Whatever ends the read, the connection goes: a half-read reply cannot be reused.
  const cut = () => controller.abort(new Error("reply abandoned"));
  let received: PartialReply | undefined;
  const failure = (error: unknown): Error => {
    if (error instanceof ReplyLimitError) return error;
    if (options.signal?.aborted) return new ReplyAbortedError("the run was stopped");
    if (timedOut)
      return received
        ? new ReplyLimitError(
            `the reply was not complete within ${seconds} (--timeout): its body was still arriving`,
            "time",
            received,
          )
        : new NoReplyError(`no reply within ${seconds} (--timeout)`);
    if (causeCode(error) === "UND_ERR_HEADERS_OVERFLOW")
      return new ReplyLimitError(
        `the reply's headers are over Node's limit of ${formatBytes(maxHeaderSize)} (--max-http-header-size)`,
        "headers",
        undefined,
      );
    return error instanceof Error ? error : new Error(String(error));
  };
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    received = { status: response.status, contentType: response.headers.get("content-type") };
    const headers = new Map<string, string>();
    let headerBytes = 0;
    response.headers.forEach((value, name) => {
      if (name === "set-cookie") return;
      headers.set(name, value);
      headerBytes += name.length + value.length;
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) headerBytes += "set-cookie".length + line.length;
    const fields = headers.size + setCookies.length;
    if (fields > limits.maxHeaders)
      throw new ReplyLimitError(
        `the reply has ${fields} header fields; the harness reads at most ${limits.maxHeaders}`,
        "headers",
        received,
      );
    if (headerBytes > limits.maxHeaderBytes)
      throw new ReplyLimitError(
        `the reply's headers are ${formatBytes(headerBytes)}; the harness reads at most ${formatBytes(limits.maxHeaderBytes)}`,
        "headers",
        received,
      );
    const bodyText = await readBody(response, limits.maxBodyBytes, received);
    const parsed = parseBoundedJson(bodyText, limits.maxJsonDepth);
    if (parsed.kind === "too-deep")
      throw new ReplyLimitError(
        `the JSON body nests deeper than ${limits.maxJsonDepth} levels; the harness reads no deeper`,
        "depth",
        received,
      );
    return {
      status: response.status,
      headers,
      setCookies,
      bodyText,
      json: parsed.kind === "json" ? parsed.value : undefined,
    };
  } catch (error) {
    cut();
    throw failure(error);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", stop);
  }
}

/** The body as text, at most `maxBytes` after decompression; the stream is cancelled past it. */
async function readBody(
  response: Response,
  maxBytes: number,
  received: PartialReply,
): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        const encoding = response.headers.get("content-encoding");
        throw new ReplyLimitError(
          `the body is over ${formatBytes(maxBytes)}${encoding ? ` once decoded (Content-Encoding: ${encoding})` : ""}; the harness reads no more`,
          "body",
          received,
        );
      }
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** The `code` of a fetch error's `cause` (`ECONNREFUSED`, `UND_ERR_HEADERS_OVERFLOW`), if any. */
export function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === "string" ? cause.code : undefined;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

export function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
