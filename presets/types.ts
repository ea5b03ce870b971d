/**
 * Short names for the generated types, so fixtures and handlers say `SeamlessResponseBody<401>`
 * instead of a five-level index. Derived only: edit the YAML and run `npm run generate`.
 *
 * @example
 * import type { TalkStackResponse, TalkStackResponseBody } from "login-mock/types";
 * const notFound: TalkStackResponseBody<404> = { status: "error", message: "…", loginStatus: 3 };
 * declare const res: TalkStackResponse;
 * if (res.status === 200) res.body.token; // only the 200 body has a token, and the type knows it
 */
import type { Variant } from "../openapi/documents.ts";
import type { LoginOperations, ResponseExamples } from "../openapi/generated/login.ts";
import type { components as TalkStackComponents } from "../openapi/generated/talkstack.ts";
import type { PresetId } from "./ids.ts";

/**
 * The body of a request or response object: the schema of each media type it documents, so a
 * 413 documented as `application/problem+json` has its body type as a 200 in `application/json`
 * does. `never` only where the spec documents no body at all.
 */
type BodyOf<T> = T extends { content: infer Content } ? Content[keyof Content] : never;

/** A preset's login operation, as openapi-typescript types it. */
export type LoginOperation<V extends PresetId> = LoginOperations[V];
/** Every HTTP status a preset documents for its login. */
export type ResponseStatus<V extends PresetId> = keyof LoginOperation<V>["responses"];
/** The body a variant documents for HTTP status `S`, in whatever media type the spec gives it. */
export type ResponseBody<V extends PresetId, S extends ResponseStatus<V>> = BodyOf<
  LoginOperation<V>["responses"][S]
>;
/**
 * Every documented response of a variant as `{ status, body }`, one member per status, so
 * checking `status` narrows `body`.
 *
 * @example
 * if (res.status === 401) res.body.loginStatus; // 4: TalkStack's 401 body only
 */
export type LoginResponse<V extends PresetId> = {
  [S in ResponseStatus<V>]: { status: S; body: ResponseBody<V, S> };
}[ResponseStatus<V>];
/**
 * The names of an API's response examples in its spec, which are the mock's response
 * scenarios: checked by the compiler for a preset, any string for a spec read at run time.
 */
export type ResponseExampleName<V extends Variant> = V extends PresetId
  ? keyof ResponseExamples[V] & string
  : string;

export type TalkStackStatus = ResponseStatus<"talkstack">;
export type SeamlessStatus = ResponseStatus<"seamless">;

export type TalkStackLoginRequest = BodyOf<LoginOperation<"talkstack">["requestBody"]>;
export type SeamlessLoginRequest = BodyOf<LoginOperation<"seamless">["requestBody"]>;

/** The body TalkStack documents for HTTP status `S`. */
export type TalkStackResponseBody<S extends TalkStackStatus> = ResponseBody<"talkstack", S>;
/** The body Seamless documents for HTTP status `S`. */
export type SeamlessResponseBody<S extends SeamlessStatus> = ResponseBody<"seamless", S>;

/** Every documented TalkStack response; `if (res.status === 404)` narrows `res.body`. */
export type TalkStackResponse = LoginResponse<"talkstack">;
/** Every documented Seamless response; `if (res.status === 401)` narrows `res.body`. */
export type SeamlessResponse = LoginResponse<"seamless">;

export type TalkStackLoginStatus = TalkStackComponents["schemas"]["LoginStatus"];
export type TalkStackUser = TalkStackComponents["schemas"]["User"];
export type SeamlessUserConfig = SeamlessResponseBody<200>["data"];
/** Headers Seamless documents on a successful login (`Set-Cookie`). */
export type SeamlessSuccessHeaders = LoginOperation<"seamless">["responses"][200]["headers"];
