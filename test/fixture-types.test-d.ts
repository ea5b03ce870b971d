// Type tests, checked by `tsc` in `npm test`: each `@ts-expect-error` must still be an error,
// or the build fails. They prove a fixture that drifts from the spec does not compile.
import { expectTypeOf } from "vitest";
import { buildSeamlessUserConfig } from "../presets/fixtures/seamless-user-config.ts";
import { buildTalkStackUser } from "../presets/fixtures/talkstack-user.ts";
import type {
  SeamlessResponseBody,
  SeamlessUserConfig,
  TalkStackResponseBody,
  TalkStackUser,
} from "../presets/types.ts";

expectTypeOf(buildTalkStackUser).returns.toEqualTypeOf<TalkStackUser>();
expectTypeOf(buildSeamlessUserConfig).returns.toEqualTypeOf<SeamlessUserConfig>();
expectTypeOf<TalkStackResponseBody<404>["loginStatus"]>().toEqualTypeOf<3>();
expectTypeOf<SeamlessResponseBody<422>["status"]>().toEqualTypeOf<"failed">();

export const wrongLoginStatus: TalkStackResponseBody<401> = {
  status: "error",
  message: "Invalid password.",
  // @ts-expect-error 401 carries loginStatus 4 (INVALID_PASSWORD), never 3
  loginStatus: 3,
};

export const tokenInSeamlessBody: SeamlessResponseBody<200> = {
  status: "success",
  data: {} as SeamlessUserConfig,
  message: "user Login Successful.",
  // @ts-expect-error the Seamless body has no token: it only travels in the cookie
  token: "eyJ...",
};

export const wrongLoginCount: SeamlessUserConfig["agentLoginDetails"] = {
  lastLogin: "2025-01-01T00:00:00Z",
  // @ts-expect-error loginCount is an integer, not a string
  loginCount: "42",
};

// @ts-expect-error a TalkStack user has no password field
export const leakedPassword: TalkStackUser = { ...({} as TalkStackUser), password: "x" };
