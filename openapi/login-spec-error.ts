/**
 * Why a login spec cannot be served, said the way a user fixes it: the file, the JSON pointer
 * of the value at fault, and what to write there instead.
 */
export class LoginSpecError extends Error {
  readonly file: string;
  readonly pointer: string;
  readonly fix: string;

  constructor(file: string, pointer: string, problem: string, fix: string) {
    super(`[login-mock] ${file} at ${pointer || "/"}: ${problem}. ${fix}`);
    this.name = "LoginSpecError";
    this.file = file;
    this.pointer = pointer;
    this.fix = fix;
  }
}
