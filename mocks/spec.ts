/**
 * `login-mock/spec`: a login API from an OpenAPI document already parsed, in any runtime (a
 * browser included). It compiles the spec's schemas with Ajv at run time, so it is its own
 * entry: the main entry's users never load a schema compiler. In Node, `readLoginSpec` (from
 * `login-mock/node`) reads a file instead.
 *
 * @example
 * import { createLoginMock, createHandlers } from "login-mock";
 * import { loginApiFromDocument } from "login-mock/spec";
 * import spec from "./my-login.json";
 * const mock = createLoginMock({ apis: [loginApiFromDocument(spec, "my-login.json")] });
 * const worker = setupWorker(...createHandlers(mock));
 */
export { loginApiFromDocument } from "../openapi/compile-login-api.ts";
export type { LoginApi } from "../openapi/login-api.ts";
export { LOGIN_EXTENSION_SCHEMA, type LoginExtension } from "../openapi/login-extension.ts";
export { LoginSpecError } from "../openapi/login-spec-error.ts";
