import { afterEach, describe, expect, it } from "vitest";
import {
  createDefaultSigner,
  DEFAULT_JWT_SECRET,
  signToken,
  type TokenSigner,
  verifyToken,
} from "../mocks/core/tokens/jwt.ts";
import { createNativeSigner } from "../mocks/core/tokens/native-signer.ts";

/** The synchronous node:crypto signer every mock in Node gets by default. */
function createNodeSigner(secret: string): TokenSigner {
  const signer = createNativeSigner(secret);
  if (!signer) throw new Error("Node should offer node:crypto through process.getBuiltinModule");
  return signer;
}

// Signed by jose 6 before login-mock dropped it: the bytes every signer must keep producing.
const JOSE_TOKEN =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." +
  "eyJlbWFpbCI6ImpvaG5AZXhhbXBsZS5jb20iLCJzdWIiOiI1MDdmMWY3N2JjZjg2Y2Q3OTk0MzkwMTEiLCJpYXQiOjE3NDE3MDgxNzgsImV4cCI6MTc0MTcxNTM3OH0." +
  "1ZiZTuortPiC-2WptDuYUCqbf0iRxHgnLgEl0ShVNpI";

describe("the node:crypto signer (the default in Node)", () => {
  it("produces the same token, byte for byte, as jose did", async () => {
    // A signer writes the claims in the order given (sub first in the mock's own tokens); in
    // jose's order here, to reproduce its bytes.
    const claims = { email: "john@example.com", sub: "507f1f77bcf86cd799439011" };
    const timing = { nowMs: 1_741_708_178_000, lifetimeSeconds: 7200 };
    expect((await createNodeSigner(DEFAULT_JWT_SECRET)(claims, timing)).token).toBe(JOSE_TOKEN);
    expect((await signToken(claims, { secret: DEFAULT_JWT_SECRET, ...timing })).token).toBe(
      JOSE_TOKEN,
    );
  });

  it("produces byte-identical tokens to the portable WebCrypto signer", async () => {
    const sign = createNodeSigner(DEFAULT_JWT_SECRET);
    for (const [nowMs, lifetimeSeconds, email] of [
      [1_741_708_178_000, 7200, "john@example.com"],
      [1_705_401_000_123, 86_400, "jöhn.müller@exämple.de"],
      [0, 5, 'quote"back\\slash@example.com'],
    ] as const) {
      const claims = { sub: "507f1f77bcf86cd799439011", email };
      const viaNode = await sign(claims, { nowMs, lifetimeSeconds });
      const viaWebCrypto = await signToken(claims, {
        secret: DEFAULT_JWT_SECRET,
        nowMs,
        lifetimeSeconds,
      });
      expect(viaNode).toEqual(viaWebCrypto);
    }
  });

  it("signs tokens verifyToken accepts with its secret and rejects with another", async () => {
    const { token } = await createNodeSigner("another-secret")(
      { sub: "x", email: "a@b.co" },
      { nowMs: Date.now(), lifetimeSeconds: 60 },
    );
    await expect(
      verifyToken(token, { secret: "another-secret", nowMs: Date.now() }),
    ).resolves.toBeDefined();
    await expect(
      verifyToken(token, { secret: DEFAULT_JWT_SECRET, nowMs: Date.now() }),
    ).rejects.toThrow(/signature/);
  });
});

describe("the default signer", () => {
  const { getBuiltinModule } = process;
  afterEach(() => {
    process.getBuiltinModule = getBuiltinModule;
  });

  it("is node:crypto's in Node: it answers without a thread-pool job", async () => {
    const sign = createDefaultSigner(DEFAULT_JWT_SECRET);
    // WebCrypto settles a sign in a later turn; the native signer within the same one.
    let settled = false;
    const pending = sign({ sub: "x", email: "a@b.co" }, { nowMs: 0, lifetimeSeconds: 5 }).then(
      () => {
        settled = true;
      },
    );
    await Promise.resolve();
    await Promise.resolve();
    expect(settled).toBe(true);
    await pending;
  });

  it("falls back to WebCrypto where the runtime has no process.getBuiltinModule (browsers)", async () => {
    // @ts-expect-error: a browser-like runtime, for this test only.
    process.getBuiltinModule = undefined;
    expect(createNativeSigner(DEFAULT_JWT_SECRET)).toBeUndefined();
    const claims = { email: "john@example.com", sub: "507f1f77bcf86cd799439011" };
    const timing = { nowMs: 1_741_708_178_000, lifetimeSeconds: 7200 };
    expect((await createDefaultSigner(DEFAULT_JWT_SECRET)(claims, timing)).token).toBe(JOSE_TOKEN);
  });
});

describe("the node:crypto signer's HMAC", () => {
  it("equals WebCrypto's for ASCII, non-ASCII and over-long secrets", async () => {
    const claims = { sub: "507f1f77bcf86cd799439011", email: "jöhn@example.com" };
    const timing = { nowMs: 1_741_708_178_000, lifetimeSeconds: 7200 };
    for (const secret of [
      "s",
      "login-mock-demo-secret",
      "sécret-ключ-秘密",
      "k".repeat(64),
      "x".repeat(65),
      "ü".repeat(40),
    ]) {
      const viaNode = await createNodeSigner(secret)(claims, timing);
      expect(viaNode).toEqual(await signToken(claims, { secret, ...timing }));
    }
  });
});
