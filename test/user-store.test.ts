import { describe, expect, it } from "vitest";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { seedAccounts } from "../mocks/store/seed.ts";
import { createAccountTable, createUserStore } from "../mocks/store/user-store.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO } from "../presets/demo-accounts.ts";
import { builtInApis } from "../presets/index.ts";
import { presetApiById } from "./support/apis.ts";

const talkstack = presetApiById("talkstack");
const seamless = presetApiById("seamless");

function seamlessLogin(email: string = SEAMLESS_DEMO.john.email) {
  return {
    contentType: "application/json",
    bodyText: JSON.stringify({ email, password: SEAMLESS_DEMO.john.password, recaptchaVal: "x" }),
    prefer: null,
    scenario: null,
  };
}

interface LoginDetails {
  readonly lastLogin: string;
  readonly loginCount: number;
}

function loginDetails(profile: Readonly<Record<string, unknown>> | undefined) {
  return profile?.agentLoginDetails as LoginDetails | undefined;
}

describe("the seeded user store", () => {
  it("gives byte-identical data for the same seed", () => {
    expect(createUserStore(builtInApis(), 42).snapshot()).toBe(
      createUserStore(builtInApis(), 42).snapshot(),
    );
  });

  it("gives different crowds for different seeds, with the same demo accounts", () => {
    const a = createUserStore(builtInApis(), 1);
    const b = createUserStore(builtInApis(), 2);
    expect(a.snapshot()).not.toBe(b.snapshot());
    expect(b.find(talkstack, TALKSTACK_DEMO.documented.email)?.profile.name).toBe("John");
  });

  it("seeds the vendor documents' own example users", () => {
    const store = createUserStore(builtInApis());
    expect(store.find(seamless, "user@example.com")?.secret).toBe("securePassword123");
    expect(loginDetails(store.find(seamless, "john@example.com")?.profile)?.loginCount).toBe(42);
    // A verified TalkStack account is one with no answer of its own: it logs in.
    const documented = store.find(talkstack, "example@host.com");
    expect(documented).toBeDefined();
    expect(documented?.answer).toBeUndefined();
    expect(store.find(talkstack, TALKSTACK_DEMO.unverified.email)?.answer).toBe(
      "account-not-verified",
    );
  });

  it("seeds realistic generated users besides the demo accounts", () => {
    const snapshot = JSON.parse(createUserStore(builtInApis(), 3).snapshot()) as Record<
      string,
      unknown[]
    >;
    expect(snapshot.talkstack?.length).toBeGreaterThan(10);
    expect(snapshot.seamless?.length).toBeGreaterThan(10);
  });

  it("finds accounts whatever the case of the email", () => {
    const store = createUserStore(builtInApis());
    const john = store.find(seamless, "  John@Example.COM ");
    expect(john?.profile._id).toBe("507f1f77bcf86cd799439011");
    expect(john?.subject).toBe("507f1f77bcf86cd799439011");
  });

  it("raises loginCount by exactly N after N successful logins, and sets lastLogin", async () => {
    const mock = createLoginMock();
    const before = loginDetails(mock.store.find(seamless, SEAMLESS_DEMO.john.email)?.profile);
    for (let i = 0; i < 7; i++) await mock.handle("seamless", seamlessLogin());
    const after = loginDetails(mock.store.find(seamless, SEAMLESS_DEMO.john.email)?.profile);
    expect(after?.loginCount).toBe((before?.loginCount ?? 0) + 7);
    expect(Date.parse(after?.lastLogin ?? "")).toBeGreaterThan(Date.parse(before?.lastLogin ?? ""));
    // Logins reach the database lazily; a read of the database itself sees all seven.
    const stored = JSON.parse(mock.store.snapshot()) as {
      seamless: { identity: string; profile: { email: string; agentLoginDetails: LoginDetails } }[];
    };
    const john = stored.seamless.find((account) => account.identity === SEAMLESS_DEMO.john.email);
    expect(john?.profile.email).toBe(SEAMLESS_DEMO.john.email);
    expect(john?.profile.agentLoginDetails).toEqual(after);
  });

  it("refuses a login the spec rejects, and keeps the stored account", () => {
    const store = createUserStore(builtInApis());
    const before = store.find(seamless, SEAMLESS_DEMO.john.email);
    store.recordLogin(seamless, SEAMLESS_DEMO.john.email, "yesterday");
    expect(() => store.snapshot()).toThrow(
      /profile\.agentLoginDetails\.lastLogin must match format "date-time"/,
    );
    expect(store.find(seamless, SEAMLESS_DEMO.john.email)).toEqual(before);
  });

  it("raises loginCount by exactly K for K concurrent logins", async () => {
    const mock = createLoginMock();
    await Promise.all(Array.from({ length: 50 }, () => mock.handle("seamless", seamlessLogin())));
    expect(
      loginDetails(mock.store.find(seamless, SEAMLESS_DEMO.john.email)?.profile)?.loginCount,
    ).toBe(42 + 50);
  });

  it("does not count failed logins", async () => {
    const mock = createLoginMock();
    await mock.handle("seamless", { ...seamlessLogin(), bodyText: '{"email":"john@example.com"}' });
    expect(
      loginDetails(mock.store.find(seamless, SEAMLESS_DEMO.john.email)?.profile)?.loginCount,
    ).toBe(42);
  });

  it("restores the seed on reset, and clears sticky scenarios", async () => {
    const mock = createLoginMock({ seed: 9 });
    const seeded = mock.store.snapshot();
    await mock.handle("seamless", seamlessLogin());
    mock.setScenario("seamless", "server-error");
    expect(mock.store.snapshot()).not.toBe(seeded);
    mock.reset();
    expect(mock.store.snapshot()).toBe(seeded);
    expect(mock.scenario("seamless")).toBeNull();
  });
});

describe("the store's collections", () => {
  const [talkstackAccount] = seedAccounts(talkstack, 1);
  const [seamlessAccount] = seedAccounts(seamless, 1);
  if (!talkstackAccount || !seamlessAccount) throw new Error("The seed has no demo accounts.");

  it("refuse to create an account whose profile breaks the spec", async () => {
    const table = createAccountTable(talkstack);
    const profile = { ...talkstackAccount.profile, email: "not-an-email" };
    expect(() => table.insert({ ...talkstackAccount, identity: "not-an-email", profile })).toThrow(
      /Refused a TalkStack AI — Login account .*profile\.email must match format "email"/,
    );
    expect(table.get("not-an-email")).toBeUndefined();
    await table.settled();
    expect(table.collection.count()).toBe(0);
  });

  it("refuse to update an account into one missing a field the spec requires", async () => {
    const table = createAccountTable(seamless);
    const key = seamlessAccount.identity;
    table.insert(seamlessAccount);
    const { name: _dropped, ...nameless } = seamlessAccount.profile;
    const broken = { ...seamlessAccount, profile: nameless };
    expect(() => table.replace(key, broken)).toThrow(
      /profile\.name must have required property 'name'/,
    );
    expect(table.get(key)).toEqual(seamlessAccount);
    await table.settled();
    expect(table.collection.all()).toEqual([seamlessAccount]);
  });

  it("refuse a row without the mock's own fields (an empty secret)", () => {
    const table = createAccountTable(seamless);
    expect(() => table.insert({ ...seamlessAccount, secret: "" })).toThrow(
      /secret must be a non-empty string/,
    );
    expect(table.get(seamlessAccount.identity)).toBeUndefined();
  });

  it("write accepted rows through to the @msw/data collection, in order", async () => {
    const table = createAccountTable(talkstack);
    const [first, second] = seedAccounts(talkstack, 1);
    if (!first || !second) throw new Error("The seed has too few accounts.");
    table.insert(first);
    table.insert(second);
    const renamed = { ...first, profile: { ...first.profile, name: "Renamed" } };
    table.replace(first.identity, renamed);
    expect(table.all()).toEqual([renamed, second]);
    await table.settled();
    expect(table.collection.all()).toEqual([renamed, second]);
  });
});
