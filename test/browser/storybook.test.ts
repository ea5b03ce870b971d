/**
 * The sample app's Storybook (examples/storybook), built by `npm run storybook:build` and served
 * as static files: each login-state story shows its own state, whatever ran before it. Each
 * story gets its own mock session from login-mock/storybook's loader, which also starts MSW's
 * worker before the story renders. Two ways in, both in a shuffled order: each story's iframe
 * opened fresh (ready before render: a story rendered before the worker would reach the
 * network and show a network error), and all stories one after another in one page, as
 * Storybook's sidebar switches them (one in-page mock: a scenario or a clock move leaking out of
 * its session would show in the next story).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/chromium.ts";

const STATIC = "storybook-static";

/** What each story shows: its result's `data-state` and its headline. */
const EXPECTED: Readonly<Record<string, readonly [state: string, headline: RegExp]>> = {
  "login-states--signed-out": ["signed-out", /^You are not signed in$/],
  "login-states--signed-in": ["valid", /^Signed in as example@host\.com$/],
  "login-states--wrong-password": ["error", /^Login failed: 401$/],
  "login-states--server-error": ["error", /^Login failed: 500$/],
  "login-states--recaptcha-failed": ["error", /^Login failed: 401$/],
  "login-states--session-expired": ["expired", /^Your session expired — sign in again$/],
};
/** Messages that tell the two 401s apart. */
const MESSAGE: Readonly<Record<string, RegExp>> = {
  "login-states--wrong-password": /password/i,
  "login-states--recaptcha-failed": /^Login Failed — Login Failed!$/,
};

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
};

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  execFileSync("npm", ["run", "storybook:build", "--silent"], { stdio: "pipe", timeout: 90_000 });
  server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? "/", "http://x").pathname).replace(/^\/+/, "");
    try {
      const body = readFileSync(join(STATIC, path === "" ? "index.html" : path));
      response.writeHead(200, {
        "content-type": TYPES[extname(path)] ?? "application/octet-stream",
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** The rendered story's result, once its login or session check has answered. */
async function resultOf(page: Page) {
  const result = page.locator("#storybook-root #result:not([data-state=pending])");
  await result.waitFor({ timeout: 10_000 });
  return {
    state: await result.getAttribute("data-state"),
    headline: (await result.locator("[data-testid=headline]").textContent()) ?? "",
    message: (await result.locator("[data-testid=message]").textContent()) ?? "",
  };
}

function expectStory(
  id: string,
  seen: { state: string | null; headline: string; message: string },
) {
  const [state, headline] = EXPECTED[id] ?? ["?", /^$/];
  expect({ id, state: seen.state }).toEqual({ id, state });
  expect(seen.headline, id).toMatch(headline);
  const message = MESSAGE[id];
  if (message) expect(seen.message, id).toMatch(message);
}

describe("the sample app's Storybook", () => {
  it("lists one story per login state", () => {
    const index = JSON.parse(readFileSync(join(STATIC, "index.json"), "utf8")) as {
      entries: Record<string, unknown>;
    };
    expect(Object.keys(index.entries).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("shows each story's state with its iframe opened fresh, in any order", async () => {
    const context = await browser.newContext();
    try {
      for (const id of shuffled(Object.keys(EXPECTED))) {
        const page = await context.newPage();
        await page.goto(`${origin}/iframe.html?id=${id}&viewMode=story`);
        expectStory(id, await resultOf(page));
        await page.close();
      }
    } finally {
      await context.close();
    }
  });

  it("keeps each story in its own session when one page switches between them", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const ids = Object.keys(EXPECTED);
      // Twice through, shuffled: every story follows others that forced a scenario or moved a clock.
      // (Never the same story twice in a row: Storybook does not render an unchanged selection.)
      const firstRound = shuffled(ids);
      let secondRound = shuffled(ids);
      while (secondRound[0] === firstRound.at(-1)) secondRound = shuffled(ids);
      const order = [...firstRound, ...secondRound];
      const first = order[0] as string;
      await page.goto(`${origin}/iframe.html?id=${first}&viewMode=story`);
      expectStory(first, await resultOf(page));
      for (const id of order.slice(1)) {
        // What Storybook's sidebar sends the preview: the same page, the same in-page mock.
        await page.evaluate(
          (storyId) =>
            new Promise<void>((resolve, reject) => {
              setTimeout(() => reject(new Error(`${storyId} did not render in 10 s`)), 10_000);
              const channel = (
                window as unknown as {
                  __STORYBOOK_ADDONS_CHANNEL__: {
                    emit(event: string, payload: unknown): void;
                    once(event: string, listener: (payload: unknown) => void): void;
                  };
                }
              ).__STORYBOOK_ADDONS_CHANNEL__;
              channel.once("storyRendered", () => resolve());
              channel.emit("setCurrentStory", { storyId, viewMode: "story" });
            }),
          id,
        );
        expect(page.url()).toContain(id);
        expectStory(id, await resultOf(page));
      }
      // The first story's session cookie was replaced by each later story's.
      const cookies = await context.cookies(origin);
      expect(cookies.find((cookie) => cookie.name === "mock-session")?.value).toBe(order.at(-1));
    } finally {
      await context.close();
    }
  });
});
