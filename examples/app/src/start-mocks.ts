// Start MSW's service worker before the app renders, in development only. The worker script
// must be served at /mockServiceWorker.js: `npx msw init public/` puts it there.
export async function startMocks(): Promise<void> {
  // A production build reads `import.meta.env.DEV` as false and drops this block, and with it
  // the import of login-mock and msw: mocks never ship. Keep the import inside the `if`.
  // Not on Vite? Use your bundler's flag, e.g. `process.env.NODE_ENV === "development"`.
  if (import.meta.env.DEV) {
    const { startWorker } = await import("login-mock/browser");
    // Requests the mocks do not handle (your other APIs, assets) go to the network untouched
    // (msw 2 spells the option `onUnhandledRequest`). `?panel=1` adds the panel overlay.
    const panel = new URLSearchParams(location.search).get("panel") === "1";
    await startWorker({ onUnhandledFrame: "bypass", quiet: true, panel });
  }
}
