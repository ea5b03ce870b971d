/**
 * Sends the harness's requests to a live server politely: a request rate limit (a few a second
 * unless the target is this machine), `429` + `Retry-After` honoured, transient network errors
 * retried, and a clear line between "the network failed" and "the server broke the contract".
 */
import type { Exchange, SentRequest } from "./exchange.ts";
import { displayUrl } from "./redact.ts";

export interface TargetOptions {
  readonly baseUrl: string;
  /** Requests per second; 0 means no limit. */
  readonly ratePerSecond: number;
  readonly timeoutMs: number;
  /** Retries of a network error or a 429 before giving up. */
  readonly retries: number;
  /** The longest `Retry-After` the harness waits for. */
  readonly maxRetryAfterMs: number;
  /** The `Accept` header: the media types the spec documents. Default `application/json`. */
  readonly accept?: string;
}

export class TransientNetworkError extends Error {
  override readonly name = "TransientNetworkError";
}

export interface HttpTarget {
  send(request: {
    contentType: string;
    body: string;
    headers?: Readonly<Record<string, string>>;
  }): Promise<Exchange>;
  readonly sent: () => number;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Default rate: unlimited on this machine, 4 requests a second anywhere else. */
export function defaultRatePerSecond(baseUrl: string): number {
  return LOOPBACK.has(new URL(baseUrl).hostname) ? 0 : 4;
}

export function createHttpTarget(options: TargetOptions): HttpTarget {
  const url = new URL(
    "auth/login",
    options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`,
  ).href;
  const gapMs = options.ratePerSecond > 0 ? 1000 / options.ratePerSecond : 0;
  let nextSlot = 0;
  let count = 0;

  async function waitForSlot(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, nextSlot);
    nextSlot = at + gapMs;
    if (at > now) await sleep(at - now);
  }

  async function once(request: SentRequest): Promise<Exchange> {
    await waitForSlot();
    count += 1;
    const started = performance.now();
    const response = await fetch(request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const bodyText = await response.text();
    const headers = new Map<string, string>();
    response.headers.forEach((value, name) => {
      if (name !== "set-cookie") headers.set(name, value);
    });
    return {
      request,
      response: {
        status: response.status,
        headers,
        setCookies: response.headers.getSetCookie(),
        bodyText,
        json: parseJson(bodyText),
        ms: performance.now() - started,
      },
    };
  }

  return {
    sent: () => count,
    async send({ contentType, body, headers = {} }) {
      const request: SentRequest = {
        url,
        headers: {
          "content-type": contentType,
          accept: options.accept ?? "application/json",
          ...headers,
        },
        body,
      };
      let lastError: unknown;
      for (let attempt = 0; attempt <= options.retries; attempt++) {
        let exchange: Exchange;
        try {
          exchange = await once(request);
        } catch (error) {
          lastError = error;
          await sleep(200 * 2 ** attempt);
          continue;
        }
        if (exchange.response.status !== 429 || attempt === options.retries) return exchange;
        await sleep(
          retryAfterMs(exchange.response.headers.get("retry-after"), options.maxRetryAfterMs),
        );
      }
      throw new TransientNetworkError(
        `No answer from ${displayUrl(url)} after ${options.retries + 1} attempts (${describeError(lastError).replaceAll(url, displayUrl(url))}). This is a network problem, not a contract violation: check the base URL and that the server is up.`,
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

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return cause ? `${error.message}: ${cause}` : error.message;
  }
  return String(error);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
