/**
 * Sends the harness's requests to a live server politely: a request rate limit (a few a second
 * unless the target is this machine), `429` + `Retry-After` honoured, connection errors
 * retried (a refused connection or an unknown host only once the target has answered: before
 * that, they are final), and a clear line between "the network failed" and "the server broke
 * the contract".
 * Every reply is read by `fetchBounded` (size, headers, depth and time limits), and every wait,
 * the replies included, ends when the run's signal (its deadline) does.
 */
import {
  causeCode,
  fetchBounded,
  formatSeconds,
  NoReplyError,
  ReplyAbortedError,
  ReplyLimitError,
  type ReplyLimits,
} from "./bounded-reply.ts";
import type { Exchange, SentRequest } from "./exchange.ts";
import { displayUrl } from "./redact.ts";

export interface TargetOptions {
  readonly baseUrl: string;
  /**
   * The operation's path from the spec (`/auth/login`), its parameters filled
   * (`operation-path.ts`), appended to the base URL.
   */
  readonly path: string;
  /** The operation's method from the spec, upper case. Default `POST`. */
  readonly method?: string;
  /** Requests per second; 0 means no limit. */
  readonly ratePerSecond: number;
  readonly timeoutMs: number;
  /** Retries of a network error or a 429 before giving up. */
  readonly retries: number;
  /** The longest `Retry-After` the harness waits for. */
  readonly maxRetryAfterMs: number;
  /** The `Accept` header: the media types the spec documents. Default `application/json`. */
  readonly accept?: string;
  /** Ends every wait and every request in flight: the run's deadline. */
  readonly signal?: AbortSignal | undefined;
  /** Reply limits other than the defaults of `bounded-reply.ts` (tests make them small). */
  readonly limits?: Partial<ReplyLimits> | undefined;
}

/** No reply came: the connection failed (after the retries) or nothing arrived in time. */
export class TransientNetworkError extends Error {
  override readonly name = "TransientNetworkError";
  /** What happened, in words: "connection refused: nothing listens on that port". */
  readonly why: string;
  constructor(message: string, why: string) {
    super(message);
    this.why = why;
  }
}

/** The run's signal ended the request or a wait: the run is over, nothing more is sent. */
export class RunStoppedError extends Error {
  override readonly name = "RunStoppedError";
}

/** One request to the target: the login's, unless `path` and `method` name another operation. */
export interface TargetRequest {
  /** Omitted with an empty body: a request that carries none (a logout with only a cookie). */
  readonly contentType?: string | undefined;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Another operation of the spec beside the login (a refresh, a logout): its path, appended to
   * the base URL as the login's is, its method, and the media types it documents (`Accept`).
   * The rate limit, the retries and the count are the target's, whichever operation is called.
   */
  readonly operation?: {
    readonly path: string;
    readonly method: string;
    readonly accept: string;
  };
}

export interface HttpTarget {
  send(request: TargetRequest): Promise<Exchange>;
  readonly sent: () => number;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Default rate: unlimited on this machine, 4 requests a second anywhere else. */
export function defaultRatePerSecond(baseUrl: string): number {
  return LOOPBACK.has(new URL(baseUrl).hostname) ? 0 : 4;
}

/**
 * The URL the harness calls: the base URL with the operation's path appended as text, so a
 * base URL's path prefix (`https://x/api`) and query (`?key=…`) are kept, and a path such as
 * `/accounts:signIn` is never read as a URL of its own scheme.
 */
export function operationUrl(baseUrl: string, path: string): string {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
  url.hash = "";
  return url.href;
}

export function createHttpTarget(options: TargetOptions): HttpTarget {
  const url = operationUrl(options.baseUrl, options.path);
  const gapMs = options.ratePerSecond > 0 ? 1000 / options.ratePerSecond : 0;
  let nextSlot = 0;
  let count = 0;
  // Until the target has answered once, a refused connection or an unknown host is final: a
  // retry only delays the one line that says nothing is there.
  let answered = false;

  const sleep = (ms: number) => abortableSleep(ms, options.signal);

  async function waitForSlot(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, nextSlot);
    nextSlot = at + gapMs;
    if (at > now) await sleep(at - now);
  }

  async function once(request: SentRequest, method: string): Promise<Exchange> {
    await waitForSlot();
    count += 1;
    const started = performance.now();
    const reply = await fetchBounded(
      request.url,
      {
        method,
        headers: request.headers,
        // fetch refuses a body on GET and HEAD (a logout could be either).
        ...(method === "GET" || method === "HEAD" ? {} : { body: request.body }),
        redirect: "manual",
      },
      { timeoutMs: options.timeoutMs, limits: options.limits, signal: options.signal },
    );
    answered = true;
    return { request, response: { ...reply, ms: performance.now() - started } };
  }

  return {
    sent: () => count,
    async send({ contentType, body, headers = {}, operation }) {
      const target = operation ? operationUrl(options.baseUrl, operation.path) : url;
      const method = operation?.method ?? options.method ?? "POST";
      const request: SentRequest = {
        url: target,
        headers: {
          ...(contentType === undefined ? {} : { "content-type": contentType }),
          accept: operation?.accept ?? options.accept ?? "application/json",
          ...headers,
        },
        body,
      };
      const shown = displayUrl(target);
      const sentBefore = count;
      let lastError: unknown;
      for (let attempt = 0; attempt <= options.retries; attempt++) {
        let exchange: Exchange;
        try {
          exchange = await once(request, method);
        } catch (error) {
          if (error instanceof ReplyAbortedError) throw stopped(options.signal);
          // Silence is not retried: each retry would wait the whole --timeout again.
          if (error instanceof NoReplyError)
            throw new TransientNetworkError(
              `No answer from ${shown} within ${formatSeconds(options.timeoutMs)} (--timeout; a reply that never begins is not retried). ${NETWORK_ADVICE}`,
              `nothing came back within ${formatSeconds(options.timeoutMs)}, the --timeout`,
            );
          // A reply over a limit is the target's answer: a violation, not retried.
          if (error instanceof ReplyLimitError) {
            answered = true;
            throw error;
          }
          lastError = error;
          if (!answered && connectionFailure(error).final) break;
          if (attempt < options.retries) await sleep(200 * 2 ** attempt);
          continue;
        }
        if (exchange.response.status !== 429 || attempt === options.retries) return exchange;
        await sleep(
          retryAfterMs(exchange.response.headers.get("retry-after"), options.maxRetryAfterMs),
        );
      }
      const failure = connectionFailure(lastError);
      const attempts = count - sentBefore;
      throw new TransientNetworkError(
        `No answer from ${shown} after ${attempts} attempt${attempts === 1 ? "" : "s"} (${describeError(lastError).replaceAll(target, shown)}). ${NETWORK_ADVICE}`,
        failure.words.replaceAll(target, shown),
      );
    },
  };
}

function retryAfterMs(header: string | undefined, capMs: number): number {
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, capMs);
  const date = header ? Date.parse(header) : Number.NaN;
  return Number.isFinite(date)
    ? Math.min(Math.max(0, date - Date.now()), capMs)
    : Math.min(1000, capMs);
}

const NETWORK_ADVICE =
  "This is a network problem, not a contract violation: check the base URL and that the server is up.";

/** Connection errors in words; `final` when retrying cannot help (nothing is there). */
const CONNECTION_FAILURES: Readonly<Record<string, { words: string; final: boolean }>> = {
  ECONNREFUSED: { words: "connection refused: nothing listens on that port", final: true },
  ENOTFOUND: { words: "no such host: the name does not resolve", final: true },
  EAI_AGAIN: { words: "the host name could not be resolved just now", final: false },
  ECONNRESET: { words: "the connection was reset", final: false },
  EHOSTUNREACH: { words: "the host is unreachable", final: false },
  ENETUNREACH: { words: "the network is unreachable", final: false },
  ETIMEDOUT: { words: "the connection timed out", final: false },
  UND_ERR_SOCKET: { words: "the connection closed before a reply", final: false },
  "bad port": {
    words: "fetch will not connect to that port, one that browsers and Node block; use another",
    final: true,
  },
};

function connectionFailure(error: unknown): { words: string; final: boolean } {
  const code = causeDetail(error);
  if (code && CONNECTION_FAILURES[code]) return CONNECTION_FAILURES[code];
  // TLS failures (an expired or self-signed certificate, a wrong name) do not heal on retry.
  if (code && /CERT|TLS|SSL/.test(code)) return { words: `TLS failed: ${code}`, final: true };
  return { words: describeError(error), final: false };
}

/** What fetch's `cause` says went wrong: its code (`ECONNREFUSED`), else its message. */
function causeDetail(error: unknown): string | undefined {
  const code = causeCode(error);
  if (code) return code;
  const message = (error as { cause?: { message?: unknown } } | undefined)?.cause?.message;
  return typeof message === "string" && message ? message : undefined;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const detail = causeDetail(error);
  return detail ? `${error.message}: ${detail}` : error.message;
}

function stopped(signal: AbortSignal | undefined): RunStoppedError {
  const reason: unknown = signal?.reason;
  return new RunStoppedError(reason instanceof Error ? reason.message : "the run was stopped");
}

/** Waits `ms`, or throws `RunStoppedError` as soon as `signal` aborts. */
function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(stopped(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(stopped(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
