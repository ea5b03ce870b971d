/**
 * One MSW batch, run by bench/run.ts in a child process of its own (msw's `setupServer`
 * patches the process's globals, so each case gets a clean process and alternation between
 * cases cannot leak interception from one into the other).
 *
 *   node bench/msw-case.ts ours <logins> <warm-up>   # our createHandlers(createLoginMock())
 *   node bench/msw-case.ts bare <logins> <warm-up>   # one http.post answering fixed bytes,
 *                                                    # given as JSON in MSW_BARE_RESPONSE
 *
 * Sends the logins one after another with `fetch` to the vendor's URL and prints one JSON line:
 * wall ms and CPU µs (process.cpuUsage, user + system) for the measured batch, the count of
 * 200s, the first response (status, headers, body) so the bare case can send the same bytes, and
 * the msw copy this process loaded (`msw`, bench/msw-copy.ts). bench/msw-report.ts runs it on
 * msw 2 too, with `--import ./bench/msw2-resolve.mjs`, which sends every `msw` import to the
 * `msw-2` alias.
 */
import { HttpHandler, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { createLoginMock } from "../mocks/core/index.ts";
import { createHandlers, DEFAULT_BASE_URLS } from "../mocks/msw/handlers.ts";
import { SUCCESS_BODY } from "./login-bodies.ts";
import { loadedMsw } from "./msw-copy.ts";

const [kind, loginsArg = "2000", warmupArg = "300"] = process.argv.slice(2);
const LOGINS = Math.min(20_000, Math.max(1, Number(loginsArg)));
const WARMUP = Math.min(20_000, Math.max(0, Number(warmupArg)));
const SEAMLESS_BASE = DEFAULT_BASE_URLS.seamless?.[0];
if (SEAMLESS_BASE === undefined) throw new Error("msw-case: the mock serves no seamless API");
const URL_ = `${SEAMLESS_BASE}/auth/login`;

interface Sample {
  status: number;
  headers: [string, string][];
  body: string;
}

function handlersFor(kind: string | undefined) {
  if (kind === "ours") return createHandlers(createLoginMock());
  if (kind === "bare") {
    const sample = JSON.parse(process.env.MSW_BARE_RESPONSE ?? "null") as Sample | null;
    if (!sample) throw new Error("bare: MSW_BARE_RESPONSE is not set");
    return [
      http.post(URL_, async ({ request }) => {
        await request.text(); // read the body, as our handler does
        const headers = new Headers();
        for (const [name, value] of sample.headers) headers.append(name, value);
        return new HttpResponse(sample.body, { status: sample.status, headers });
      }),
    ];
  }
  throw new Error(`unknown case ${kind}; use ours or bare`);
}

const msw = loadedMsw();

const handlers = handlersFor(kind);
// Our handlers and this file's http.post must come from the msw copy reported above.
if (!handlers.every((handler) => handler instanceof HttpHandler))
  throw new Error(`msw-case: handlers not built by msw ${msw.version} at ${msw.folder}`);
const server = setupServer(...handlers);
// msw 3 names the option onUnhandledFrame, msw 2 onUnhandledRequest; each ignores the other's.
const listenOptions = { onUnhandledFrame: "error", onUnhandledRequest: "error" } as const;
server.listen(listenOptions);

async function login(): Promise<Response> {
  return fetch(URL_, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: SUCCESS_BODY,
  });
}

const first = await login();
const sample: Sample = {
  status: first.status,
  headers: [...first.headers].filter(([name]) => name !== "set-cookie"),
  body: await first.text(),
};
for (const cookie of first.headers.getSetCookie()) sample.headers.push(["set-cookie", cookie]);

for (let i = 0; i < WARMUP; i++) await (await login()).text();

let ok = 0;
const cpuBefore = process.cpuUsage();
const started = performance.now();
for (let i = 0; i < LOGINS; i++) {
  const response = await login();
  await response.text();
  if (response.status === 200) ok++;
}
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
server.close();

process.stdout.write(
  `${JSON.stringify({ kind, logins: LOGINS, ok, wallMs, cpuUs: cpu.user + cpu.system, sample, msw })}\n`,
);
