import { getResponse } from "msw";
import { describe, expect, it } from "vitest";
import { SCENARIOS, type Scenario } from "../mocks/core/catalogue/scenario-catalogue.ts";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { fixedClock } from "../mocks/core/sessions/clock.ts";
import { createHandlers, DEFAULT_BASE_URLS } from "../mocks/msw/handlers.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO } from "../presets/demo-accounts.ts";
import { builtInApis } from "../presets/index.ts";
import { useHttpServers } from "./support/http-servers.ts";

// Two mocks with the same seed and the same frozen clock: any difference is the adapter's.
const START = Date.parse("2026-06-01T08:00:00Z");
const http = useHttpServers({ clock: fixedClock(START) });
const mswMock = createLoginMock({ clock: fixedClock(START) });
const handlers = createHandlers(mswMock);

/** Headers only one transport has by nature (HTTP framing, CORS's Vary). */
const TRANSPORT_HEADERS = new Set([
  "date",
  "connection",
  "keep-alive",
  "content-length",
  "vary",
  "transfer-encoding",
]);

const BODIES: Readonly<Record<string, string | null>> = {
  talkstack: JSON.stringify(TALKSTACK_DEMO.documented),
  seamless: JSON.stringify({ ...SEAMLESS_DEMO.documented, recaptchaVal: "token" }),
};

type Outcome =
  | { kind: "error" }
  | { kind: "response"; status: number; headers: [string, string][]; body: string };

async function read(response: Response | undefined): Promise<Outcome> {
  if (!response || response.type === "error") return { kind: "error" };
  const headers = [...response.headers.entries()].filter(([name]) => !TRANSPORT_HEADERS.has(name));
  // The refresh token is random by design; everything else must match to the byte.
  const body = (await response.text()).replace(/"refreshToken":"[\w-]+"/, '"refreshToken":"…"');
  return { kind: "response", status: response.status, headers: headers.sort(), body };
}

function requestFor(scenario: Scenario, base: string, forcing: "prefer" | "header"): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (forcing === "prefer" && scenario.kind === "response") {
    headers.prefer = `code=${scenario.status}, example=${scenario.name}`;
  } else headers["x-mock-scenario"] = scenario.name;
  return new Request(`${base}/auth/login`, {
    method: "POST",
    headers,
    body: BODIES[scenario.variant] ?? null,
  });
}

const comparable = SCENARIOS.filter((s) => s.name !== "no-response" && s.name !== "slow-response");

describe("the HTTP server and the MSW handlers", () => {
  it.each(comparable.map((s) => [`${s.variant} ${s.name}`, s] as const))(
    "answer %s identically",
    async (_label, scenario) => {
      for (const forcing of ["prefer", "header"] as const) {
        const viaMsw = await read(
          await getResponse(
            handlers,
            requestFor(scenario, DEFAULT_BASE_URLS[scenario.variant]?.[0] ?? "", forcing),
          ),
        );
        const viaHttp = await read(
          await fetch(requestFor(scenario, http.url(scenario.variant), forcing)).catch(
            () => undefined,
          ),
        );
        expect(viaHttp).toEqual(viaMsw);
      }
    },
  );

  it.each(builtInApis().map((api) => api.id))(
    "answer %s's data-driven login identically, state included",
    async (variant) => {
      const request = (base: string) =>
        new Request(`${base}/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: BODIES[variant] ?? null,
        });
      for (let i = 0; i < 3; i++) {
        const viaMsw = await read(
          await getResponse(handlers, request(DEFAULT_BASE_URLS[variant]?.[0] ?? "")),
        );
        const viaHttp = await read(await fetch(request(http.url(variant))));
        expect(viaHttp).toEqual(viaMsw);
      }
      expect(http.mock.store.snapshot()).toBe(mswMock.store.snapshot());
    },
  );

  it("cover every scenario of the catalogue (the two timing faults are checked for delay)", async () => {
    const started = Date.now();
    const response = await fetch(`${http.url("seamless")}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", prefer: "delay=200" },
      body: "{}",
    });
    expect(response.status).toBe(422);
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    const held = fetch(`${http.url("talkstack")}/auth/login`, {
      method: "POST",
      headers: { "x-mock-scenario": "no-response" },
      signal: AbortSignal.timeout(300),
    });
    await expect(held).rejects.toThrow(/timeout|aborted/i);
  });
});
