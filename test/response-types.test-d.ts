// Type tests, checked by `tsc` in `npm test` (`npm run typecheck`): each `@ts-expect-error` must
// still be an error, or the build fails. Every status the specs document has its body type,
// whatever its media type, and a `{ status, body }` union narrows the body on the status.
import type {
  SeamlessResponse,
  SeamlessResponseBody,
  SeamlessStatus,
  TalkStackResponse,
  TalkStackResponseBody,
  TalkStackStatus,
} from "login-mock/types";
import { expectTypeOf } from "vitest";

/** The statuses whose body type is `never`: none, when every documented body is typed. */
type Untyped<S extends PropertyKey, Body extends Record<S, unknown>> = {
  [K in S]: [Body[K]] extends [never] ? K : never;
}[S];

expectTypeOf<
  Untyped<TalkStackStatus, { [S in TalkStackStatus]: TalkStackResponseBody<S> }>
>().toBeNever();
expectTypeOf<
  Untyped<SeamlessStatus, { [S in SeamlessStatus]: SeamlessResponseBody<S> }>
>().toBeNever();
// `Untyped` is also never when there are no statuses, or when a body is `any`: rule both out.
expectTypeOf<TalkStackStatus>().not.toBeNever();
expectTypeOf<SeamlessStatus>().not.toBeNever();
/** The statuses whose body type is `any`. */
type AnyBodied<S extends PropertyKey, Body extends Record<S, unknown>> = {
  [K in S]: 0 extends 1 & Body[K] ? K : never;
}[S];
expectTypeOf<
  AnyBodied<TalkStackStatus, { [S in TalkStackStatus]: TalkStackResponseBody<S> }>
>().toBeNever();
expectTypeOf<
  AnyBodied<SeamlessStatus, { [S in SeamlessStatus]: SeamlessResponseBody<S> }>
>().toBeNever();
expectTypeOf<TalkStackResponseBody<200>>().not.toBeAny();
expectTypeOf<SeamlessResponseBody<200>>().not.toBeAny();

// 413 is documented as application/problem+json (RFC 9457), not application/json.
expectTypeOf<TalkStackResponseBody<413>["status"]>().toEqualTypeOf<413>();
expectTypeOf<SeamlessResponseBody<413>["limitBytes"]>().toEqualTypeOf<number | undefined>();
export const tooLarge: TalkStackResponseBody<413> = {
  type: "https://login-mock.dev/problems/body-too-large",
  title: "Request body too large",
  status: 413,
  detail: "The body is 200000 bytes; the limit is 102400.",
};
// @ts-expect-error a problem's status is the HTTP status, 413, not TalkStack's "error"
export const wrongProblem: TalkStackResponseBody<413> = { ...tooLarge, status: "error" };

expectTypeOf<TalkStackResponse["status"]>().toEqualTypeOf<TalkStackStatus>();
expectTypeOf<SeamlessResponse["status"]>().toEqualTypeOf<SeamlessStatus>();

export function readTalkStack(res: TalkStackResponse): void {
  if (res.status === 401) {
    expectTypeOf(res.body).toEqualTypeOf<TalkStackResponseBody<401>>();
    expectTypeOf(res.body.loginStatus).toEqualTypeOf<4>();
  }
  if (res.status === 200) expectTypeOf(res.body.token).toBeString();
  if (res.status === 413) expectTypeOf(res.body.detail).toBeString();
  // @ts-expect-error only the 200 body has a token: the status has not been checked
  res.body.token;
}

export function readSeamless(res: SeamlessResponse): void {
  if (res.status === 200) expectTypeOf(res.body).toEqualTypeOf<SeamlessResponseBody<200>>();
  if (res.status === 422) expectTypeOf(res.body.data).toBeString();
  // @ts-expect-error Seamless documents no 404
  if (res.status === 404) return;
}

// @ts-expect-error a 401 comes with the 401 body, not the 200 one
export const mismatched: SeamlessResponse = { status: 401, body: {} as SeamlessResponseBody<200> };
