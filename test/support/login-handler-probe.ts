/**
 * What msw makes of `createHandlers`, printed as one JSON line, for test/login-handler.test.ts
 * to run on msw 3 and on msw 2 (`node --import ./bench/msw2-resolve.mjs …` sends every `msw`
 * import to the `msw-2` alias):
 *
 * - `headers`: each handler's `info.header`, as `server.listHandlers()` shows it;
 * - `answers`: the status each default login URL answers the Seamless demo login with;
 * - `matching`: for tricky request URLs, whether our handlers answer and whether per-URL
 *   `http.post` handlers (msw's own matching, one handler per URL) would;
 * - `relative`: statuses for handlers on relative base URLs, through `getResponse`'s `baseUrl`;
 * - `cookieCopies`: how many `token` cookies the Cookie header the mock sees carries, on two
 *   Seamless logins in a row through `setupServer` (the first one sets the cookie).
 */
import { getResponse, http } from "msw";
import { setupServer } from "msw/node";
import { loadedMsw } from "../../bench/msw-copy.ts";
import { createLoginMock } from "../../mocks/core/login-mock.ts";
import { createHandlers, DEFAULT_BASE_URLS, loginUrls } from "../../mocks/msw/handlers.ts";
import { SEAMLESS_DEMO } from "../../presets/demo-accounts.ts";

const SEAMLESS_DEMO_LOGIN = JSON.stringify({
  email: SEAMLESS_DEMO.documented.email,
  password: SEAMLESS_DEMO.documented.password,
  recaptchaVal: "probe",
});

function login(url: string, method = "POST"): Request {
  return new Request(url, {
    method,
    headers: { "content-type": "application/json" },
    body: method === "GET" ? null : SEAMLESS_DEMO_LOGIN,
  });
}

const mock = createLoginMock();
const handlers = createHandlers(mock);
const headers = handlers.map((handler) => handler.info.header);

const allUrls = mock.apis.flatMap((api) => loginUrls(api, DEFAULT_BASE_URLS));
const answers = [];
for (const url of allUrls)
  answers.push({ url, status: (await getResponse(handlers, login(url)))?.status ?? null });

// The refresh and logout operations the specs name answer on the same base URLs (all POST).
const sessionUrls = mock.apis.flatMap((api) =>
  [api.refresh, api.logout].flatMap((operation) =>
    operation
      ? (DEFAULT_BASE_URLS[api.id] ?? []).flatMap((base) =>
          operation.paths.map((path) => `${base}${path}`),
        )
      : [],
  ),
);
const perUrl = [...allUrls, ...sessionUrls].map((url) =>
  http.post(url, () => new Response("per-url")),
);
const SEAMLESS = "https://seamless-sandbox-dev-cm.oriserve.com";
const TRICKY = [
  `${SEAMLESS}/auth/login`,
  `${SEAMLESS}/auth/login/`,
  "https://SEAMLESS-SANDBOX-DEV-CM.oriserve.com/AUTH/LOGIN",
  `${SEAMLESS}/auth/login?next=%2Fhome#top`,
  `${SEAMLESS}//auth/login`,
  `${SEAMLESS}/auth/login%2F`,
  `${SEAMLESS}/auth/logins`,
  `${SEAMLESS}/v2/auth/login`,
  "https://api.talkstackai.com//auth/login",
  "https://api.talkstackai.com/auth/logout",
  "http://api.talkstackai.com/auth/login",
  "http://127.0.0.1:4011/auth/login",
  "http://127.0.0.1:4012/auth/login",
  "http://localhost:4011/auth/login",
];
const matching = [];
for (const url of TRICKY) {
  for (const method of ["POST", "GET"]) {
    matching.push({
      request: `${method} ${url}`,
      ours: (await getResponse(handlers, login(url, method))) !== undefined,
      perUrl: (await getResponse(perUrl, login(url, method))) !== undefined,
    });
  }
}

const onRelative = createHandlers(createLoginMock(), {
  baseUrls: { talkstack: ["/talkstack"], seamless: ["/seamless"] },
});
const relative = [];
for (const path of ["/talkstack/auth/login", "/seamless/auth/login", "/seamless//auth/login"]) {
  const response = await getResponse(onRelative, login(`http://app.test${path}`), {
    baseUrl: "http://app.test/",
  });
  relative.push({ path, status: response?.status ?? null });
}

const cookies: (string | null | undefined)[] = [];
const handle = mock.handle.bind(mock);
mock.handle = (variant, input, override) => {
  cookies.push(input.cookie);
  return handle(variant, input, override);
};
const server = setupServer(...handlers);
// msw 3 names the option onUnhandledFrame, msw 2 onUnhandledRequest; each ignores the other's.
server.listen({ onUnhandledFrame: "error", onUnhandledRequest: "error" } as never);
for (let i = 0; i < 2; i++) {
  const response = await fetch(login(`${SEAMLESS}/auth/login`));
  await response.text();
}
server.close();
const cookieCopies = cookies.map((cookie) => (cookie ?? "").split("token=").length - 1);

process.stdout.write(
  `${JSON.stringify({ msw: loadedMsw().version, headers, answers, matching, relative, cookieCopies })}\n`,
);
