/**
 * One line per request: method, path, status, scenario, time. Built only from those fields, so
 * no body, cookie, token or password can reach the log, whatever the request carried.
 */
import { type LineOutput, lineOutput } from "./line-output.ts";

export type LogFormat = "off" | "pretty" | "json";
export const LOG_FORMATS: readonly LogFormat[] = ["off", "pretty", "json"];

export interface RequestLogEntry {
  readonly variant: string;
  readonly method: string;
  readonly path: string;
  readonly status: number | string;
  readonly scenario: string | null;
  readonly ms: number;
}

export interface RequestLogger {
  (entry: RequestLogEntry): void;
  /** The server is stopping: never let unread log output hold the process up. */
  release?(): void;
  /** Writes nothing (`--log off`): the server then skips timing and describing requests. */
  readonly off?: boolean;
}

/**
 * A logger writing to `output` (stdout by default). Asking for stdout, even with `off`, also
 * makes a closed stdout harmless to the rest of the process (see line-output.ts).
 */
export function createRequestLogger(
  format: LogFormat,
  output: Pick<LineOutput, "write"> & Partial<LineOutput> = lineOutput(),
): RequestLogger {
  const logger: RequestLogger & { off?: boolean; release?: () => void } =
    format === "off"
      ? Object.assign(() => {}, { off: true })
      : format === "json"
        ? (entry) => output.write(JSON.stringify({ time: new Date().toISOString(), ...entry }))
        : (entry) =>
            output.write(
              `[${entry.variant}] ${entry.method} ${entry.path} → ${entry.status}${entry.scenario ? ` ${entry.scenario}` : ""} (${entry.ms} ms)`,
            );
  logger.release = () => output.release?.();
  return logger;
}

/** The path without its query string: queries are the one place a client might put a secret. */
export function loggablePath(url: string | undefined): string {
  // The usual login URL has no query and is short: nothing to cut.
  if (url !== undefined && url.length <= 200 && !url.includes("?")) return url;
  return (url ?? "/").split("?")[0]?.slice(0, 200) ?? "/";
}
