/**
 * Debian's Chromium under playwright-core (Playwright's own browser download is not reachable
 * here). `.ci/run` installs it (scripts/ensure-chromium.sh); this says how when it is missing.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `[login-mock] No Chromium at ${CHROMIUM}. Run scripts/ensure-chromium.sh (it runs apt-get install -y chromium), or set CHROMIUM_PATH.`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      // Tests run as root in CI containers, where Chromium's sandbox cannot start.
      "--no-sandbox",
      // Nothing but the pages under test may touch the network.
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-default-apps",
      "--disable-sync",
      "--disable-breakpad",
      "--no-first-run",
      "--metrics-recording-only",
      "--disable-features=Translate,MediaRouter,OptimizationHints",
    ],
  });
}
