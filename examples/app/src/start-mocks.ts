// Start MSW's service worker before the app renders. The worker script must be served at
// /mockServiceWorker.js: `npx msw init public/` puts it there.
export async function startMocks(): Promise<void> {
  const { worker } = await import("login-mock/browser");
  // Requests the mocks do not handle (your other APIs, assets) go to the network untouched.
  await worker.start({ onUnhandledFrame: "bypass", quiet: true });
}
