/**
 * Short names for the generated types, so fixtures and handlers say `SeamlessResponseBody<401>`
 * instead of a five-level index. Derived only: edit the YAML and run `npm run generate`.
 *
 * @example
 * import type { TalkStackResponseBody } from "login-mock/types";
 * const notFound: TalkStackResponseBody<404> = { status: "error", message: "…", loginStatus: 3 };
 */
import type { operations as SeamlessOperations } from "./generated/seamless.ts";
import type {
  components as TalkStackComponents,
  operations as TalkStackOperations,
} from "./generated/talkstack.ts";

type JsonContent<T> = T extends { content: { "application/json": infer Body } } ? Body : never;

type TalkStackLogin = TalkStackOperations["login"];
type SeamlessLogin = SeamlessOperations["login"];

export type TalkStackStatus = keyof TalkStackLogin["responses"];
export type SeamlessStatus = keyof SeamlessLogin["responses"];

export type TalkStackLoginRequest = JsonContent<TalkStackLogin["requestBody"]>;
export type SeamlessLoginRequest = JsonContent<SeamlessLogin["requestBody"]>;

/** The JSON body TalkStack documents for HTTP status `S`. */
export type TalkStackResponseBody<S extends TalkStackStatus> = JsonContent<
  TalkStackLogin["responses"][S]
>;
/** The JSON body Seamless documents for HTTP status `S`. */
export type SeamlessResponseBody<S extends SeamlessStatus> = JsonContent<
  SeamlessLogin["responses"][S]
>;

export type TalkStackLoginStatus = TalkStackComponents["schemas"]["LoginStatus"];
export type TalkStackUser = TalkStackComponents["schemas"]["User"];
export type SeamlessUserConfig = SeamlessResponseBody<200>["data"];
/** Headers Seamless documents on a successful login (`Set-Cookie`). */
export type SeamlessSuccessHeaders = SeamlessLogin["responses"][200]["headers"];
