/**
 * One line per request: method, path, status, scenario, time. Built only from those fields, so
 * no body, cookie, token or password can reach the log, whatever the request carried.
 */
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

export type RequestLogger = (entry: RequestLogEntry) => void;

export function createRequestLogger(
  format: LogFormat,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): RequestLogger {
  if (format === "off") return () => {};
  if (format === "json") {
    return (entry) => write(JSON.stringify({ time: new Date().toISOString(), ...entry }));
  }
  return (entry) =>
    write(
      `[${entry.variant}] ${entry.method} ${entry.path} → ${entry.status}${entry.scenario ? ` ${entry.scenario}` : ""} (${entry.ms} ms)`,
    );
}

/** The path without its query string: queries are the one place a client might put a secret. */
export function loggablePath(url: string | undefined): string {
  return (url ?? "/").split("?")[0]?.slice(0, 200) ?? "/";
}
