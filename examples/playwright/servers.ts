/** Where the suite's mock and app live. LOGIN_MOCK_EXAMPLE_PORT moves them (default 4610). */
export const PORT = Number(process.env.LOGIN_MOCK_EXAMPLE_PORT ?? 4610);
/** examples/specs/oauth-password.yaml: a user's own spec (a form body, a token in the body). */
export const OAUTH = `http://127.0.0.1:${PORT}`;
/** The Seamless preset: a JSON body, the token in an httpOnly cookie. */
export const SEAMLESS = `http://127.0.0.1:${PORT + 1}`;
/** The app's origin: app-server.ts, a dev server's stand-in. */
export const APP = `http://127.0.0.1:${PORT + 9}`;
/** The sample app (examples/app) on Vite's dev server: the mock runs in the page, under MSW. */
export const MSW_APP = `http://127.0.0.1:${PORT + 8}`;
