import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SEAMLESS_DEMO } from "../presets/demo-accounts.ts";
import { createHeldWork } from "../server/held-work.ts";
import { sendReply } from "../server/send-reply.ts";
import { atTurnEnd } from "../server/turn-end.ts";
import { useHttpServers } from "./support/http-servers.ts";

const servers = useHttpServers();

describe("replies leave at the end of the event-loop turn that made them", () => {
  it("runs queued work after the current turn, in the order it was queued", async () => {
    const ran: string[] = [];
    atTurnEnd(() => ran.push("first"));
    atTurnEnd(() => ran.push("second"));
    ran.push("this turn");
    expect(ran).toEqual(["this turn"]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(["this turn", "first", "second"]);
  });

  it("runs work queued by queued work in the next turn, losing none", async () => {
    const ran: string[] = [];
    atTurnEnd(() => {
      ran.push("outer");
      atTurnEnd(() => ran.push("inner"));
    });
    await vi.waitFor(() => expect(ran).toEqual(["outer", "inner"]), { timeout: 500 });
  });

  it("still answers while a test has faked the timers", async () => {
    vi.useFakeTimers();
    try {
      const response = await fetch(`${servers.url("seamless")}/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...SEAMLESS_DEMO.documented, recaptchaVal: "x" }),
        signal: AbortSignal.timeout(3000),
      });
      expect(response.status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it("answers logins sent together, each with its own cookie", async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${servers.url("seamless")}/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ ...SEAMLESS_DEMO.documented, recaptchaVal: "x" }),
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    for (const response of responses) {
      expect(response.headers.getSetCookie()).toHaveLength(1);
      expect((await response.json()).status).toBe("success");
    }
  });
});

describe("a reply Node refuses to write", () => {
  let server: Server | undefined;
  afterEach(
    () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  );

  it("closes only its own connection and is logged as dropped; the server goes on answering", async () => {
    const heldWork = createHeldWork();
    const logged: (number | string)[] = [];
    server = createServer((request, response) => {
      const header = request.url === "/bad" ? "line\nbreak" : "fine";
      const reply = {
        kind: "response" as const,
        status: 200,
        headers: [["x-value", header] as const],
        body: "{}",
        delayMs: 0,
      };
      sendReply(request, response, reply, [], (status) => logged.push(status), heldWork);
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    await expect(fetch(`${base}/bad`)).rejects.toThrow();
    const next = await fetch(`${base}/good`);
    expect(next.status).toBe(200);
    expect(next.headers.get("x-value")).toBe("fine");
    expect(logged).toEqual(["dropped", 200]);
  });
});
