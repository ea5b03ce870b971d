// Prints the runtime once per test run, so a log shows which Node the suite really ran on.
export default function reportRuntime(): void {
  console.log(`[login-mock] tests running on Node ${process.version} (${process.execPath})`);
}
