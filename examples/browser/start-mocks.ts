/// <reference types="vite/client" />
// In your app's entry file, before it renders: start the worker in development only.
async function startMocks() {
  if (!import.meta.env.DEV) return;
  const { worker } = await import("login-mock/browser");
  await worker.start({ onUnhandledFrame: "bypass" });
}

await startMocks();
