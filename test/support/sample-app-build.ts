/** Builds the sample app (examples/app) with Vite into a fresh temporary folder. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "vite";

export const SAMPLE_APP_CONFIG = "examples/app/vite.config.ts";

/**
 * `vite build` in `mode`; returns the output folder (the caller removes it). Vite derives
 * `import.meta.env.DEV` from NODE_ENV, which Vitest sets to "test", so it is set for the build.
 */
export async function buildSampleApp(mode: "production" | "development"): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), `login-mock-app-${mode}-`));
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = mode;
  try {
    await build({
      configFile: SAMPLE_APP_CONFIG,
      mode,
      logLevel: "silent",
      build: { outDir, emptyOutDir: true, reportCompressedSize: false },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}
