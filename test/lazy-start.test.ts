/**
 * Every test file imports login-mock afresh (Vitest and Jest isolate files), so the import and
 * the first login are paid once per file: importing builds nothing the first login does not
 * need. The store is seeded, its rows checked and the signing key worked out on the first login,
 * and @msw/data (several hundred es-toolkit files) loads only if the store's collections are
 * asked for. Counted here, not timed; `npm run bench` prints what it is worth.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
// No imports of its own, so it loads none of the modules mocked below.
import { SEAMLESS_DEMO } from "../presets/demo-accounts.ts";

const built = vi.hoisted(() => ({ seeds: 0, rowChecks: 0, signers: 0 }));

vi.mock("../mocks/store/seed.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../mocks/store/seed.ts")>();
  return {
    ...original,
    seedAccounts: (...args: Parameters<typeof original.seedAccounts>) => {
      built.seeds++;
      return original.seedAccounts(...args);
    },
  };
});

vi.mock("../openapi/generated/validators.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../openapi/generated/validators.js")>();
  /** The validator, counting its calls; `errors` still read from the original (Ajv sets it). */
  function counted<F extends (value: unknown) => boolean>(validate: F): F {
    const wrapper = (value: unknown) => {
      built.rowChecks++;
      return validate(value);
    };
    Object.defineProperty(wrapper, "errors", {
      get: () => (validate as { errors?: unknown }).errors,
    });
    return wrapper as F;
  }
  // The store checks each row's profile with the spec's profile schema (account-row.ts).
  return {
    ...original,
    validateTalkStackUser: counted(original.validateTalkStackUser),
    validateSeamlessUserConfig: counted(original.validateSeamlessUserConfig),
  };
});

vi.mock("../mocks/core/tokens/native-signer.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../mocks/core/tokens/native-signer.ts")>();
  return {
    ...original,
    createNativeSigner: (secret: string) => {
      built.signers++;
      return original.createNativeSigner(secret);
    },
  };
});

const SEAMLESS_LOGIN = "https://seamless-sandbox-dev-cm.oriserve.com/auth/login";
const SEAMLESS_DEMO_LOGIN = JSON.stringify({
  email: SEAMLESS_DEMO.documented.email,
  password: SEAMLESS_DEMO.documented.password,
  recaptchaVal: "x",
});

function login(): Request {
  return new Request(SEAMLESS_LOGIN, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: SEAMLESS_DEMO_LOGIN,
  });
}

describe("importing login-mock/node", () => {
  it("seeds no store, checks no row and makes no signing key until the first login", async () => {
    const { handlers, defaultMock } = await import("../mocks/node.ts");
    expect(built).toEqual({ seeds: 0, rowChecks: 0, signers: 0 });

    expect((await getResponse(handlers, login()))?.status).toBe(200);
    expect(built.seeds).toBe(1);
    expect(built.signers).toBe(1);
    expect(built.rowChecks).toBeGreaterThan(0);

    // A reset (what a test's afterEach does) only drops the seeded rows; the next login seeds.
    defaultMock.reset();
    expect(built.seeds).toBe(1);
    expect((await getResponse(handlers, login()))?.status).toBe(200);
    expect(built.seeds).toBe(2);
    expect(built.signers).toBe(1);
  });
});

describe("a test file's first login", () => {
  it("loads no @msw/data; asking the store for its collections does", () => {
    const log = join(mkdtempSync(join(tmpdir(), "lazy-start-")), "imports.txt");
    const recordImports = fileURLToPath(new URL("./support/record-imports.mjs", import.meta.url));
    const script = `
      import { appendFileSync } from "node:fs";
      const mark = (step) => appendFileSync(process.env.LOGIN_MOCK_TEST_IMPORT_LOG, "-- " + step + "\\n");
      const { server } = await import("./mocks/node.ts");
      mark("imported");
      server.listen({ onUnhandledFrame: "error" });
      const response = await fetch(${JSON.stringify(SEAMLESS_LOGIN)}, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: ${JSON.stringify(SEAMLESS_DEMO_LOGIN)},
      });
      mark("login " + response.status);
      server.close();
      const { createAccountTable } = await import("./mocks/store/user-store.ts");
      const { builtInApis } = await import("./presets/index.ts");
      await createAccountTable(builtInApis().find((api) => api.id === "seamless")).settled();
      mark("collections");`;
    execFileSync(
      process.execPath,
      ["--import", recordImports, "--input-type=module", "-e", script],
      {
        env: { ...process.env, LOGIN_MOCK_TEST_IMPORT_LOG: log },
        timeout: 60_000,
      },
    );
    const [untilLogin = "", afterLogin = ""] = readFileSync(log, "utf8").split("-- login ");
    expect(untilLogin).toContain("-- imported");
    expect(afterLogin.startsWith("200")).toBe(true);
    const MSW_DATA = /\/node_modules\/(@msw\/data|es-toolkit)\//;
    expect(untilLogin).not.toMatch(MSW_DATA);
    expect(afterLogin.split("-- collections")[0]).toMatch(MSW_DATA);
  }, 60_000);
});
