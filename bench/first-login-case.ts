/**
 * One fresh process, as a test file sees it: import → listen → first login. Run by
 * bench/first-login-report.ts, one process per sample.
 *
 *   node bench/first-login-case.ts ours   # import("login-mock/node"), server.listen(), a login
 *   node bench/first-login-case.ts bare   # import("msw/node") + ("msw"), setupServer with one
 *                                         # http.post answering fixed bytes (MSW_BARE_RESPONSE)
 *
 * `login-mock/node` is the built package (dist/, through the package's own `exports`), as a
 * user's test file imports it. Nothing is imported before the clock starts: every import is
 * dynamic, after the first reading. Prints one JSON line: wall and CPU (process.cpuUsage, user
 * + system, all threads) from this file's first line to the end of each phase, the first
 * response (status, headers, body) so the bare case can send the same bytes, and the msw copy
 * loaded (bench/msw-case.ts's `loadedMsw`, which msw2-resolve.mjs redirects on msw 2).
 */
const wall0 = performance.now();
const cpu0 = process.cpuUsage();

interface Sample {
  status: number;
  headers: [string, string][];
  body: string;
}

const URL_ = "https://seamless-sandbox-dev-cm.oriserve.com/auth/login";
const BODY = JSON.stringify({
  email: "user@example.com",
  password: "securePassword123",
  recaptchaVal: "bench",
});
// msw 3 names the option onUnhandledFrame, msw 2 onUnhandledRequest; each ignores the other's.
const LISTEN = { onUnhandledFrame: "error", onUnhandledRequest: "error" } as const;

const phases: Record<string, { wallMs: number; cpuMs: number }> = {};
function mark(name: string): void {
  const cpu = process.cpuUsage(cpu0);
  phases[name] = { wallMs: performance.now() - wall0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const kind = process.argv[2];
let listen: () => { close(): void };
if (kind === "ours") {
  const { server } = await import("login-mock/node");
  mark("import");
  listen = () => {
    server.listen(LISTEN);
    return server;
  };
} else if (kind === "bare") {
  const sample = JSON.parse(process.env.MSW_BARE_RESPONSE ?? "null") as Sample | null;
  if (!sample) throw new Error("bare: MSW_BARE_RESPONSE is not set");
  const [{ setupServer }, { http, HttpResponse }] = await Promise.all([
    import("msw/node"),
    import("msw"),
  ]);
  mark("import");
  listen = () => {
    const server = setupServer(
      http.post(URL_, async ({ request }) => {
        await request.text(); // read the body, as our handler does
        const headers = new Headers();
        for (const [name, value] of sample.headers) headers.append(name, value);
        return new HttpResponse(sample.body, { status: sample.status, headers });
      }),
    );
    server.listen(LISTEN);
    return server;
  };
} else {
  throw new Error(`unknown case ${kind}; use ours or bare`);
}

const server = listen();
mark("listen");
const response = await fetch(URL_, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: BODY,
});
const sample: Sample = {
  status: response.status,
  headers: [...response.headers].filter(([name]) => name !== "set-cookie"),
  body: await response.text(),
};
for (const cookie of response.headers.getSetCookie()) sample.headers.push(["set-cookie", cookie]);
mark("login");
server.close();

const { loadedMsw } = await import("./msw-copy.ts");
process.stdout.write(`${JSON.stringify({ kind, phases, sample, msw: loadedMsw() })}\n`);
