/**
 * How `login-mock contract` hands its options to the suite Vitest runs in another process:
 * one environment variable holding JSON. It carries credentials, so it is never printed.
 */
import type { ContractOptions } from "./options.ts";

export const OPTIONS_VARIABLE = "LOGIN_MOCK_CONTRACT_OPTIONS";
export const REPORT_VARIABLE = "LOGIN_MOCK_CONTRACT_REPORT";

export function readSuiteEnvironment(env: NodeJS.ProcessEnv = process.env): {
  options: ContractOptions;
  reportPath: string;
} {
  const raw = env[OPTIONS_VARIABLE];
  const reportPath = env[REPORT_VARIABLE];
  if (!raw || !reportPath)
    throw new Error(
      `[login-mock] The contract suite runs through \`login-mock contract --variant V --base-url URL\` (it sets ${OPTIONS_VARIABLE}); do not run this file directly.`,
    );
  return { options: JSON.parse(raw) as ContractOptions, reportPath };
}
