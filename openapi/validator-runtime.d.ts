// Types of validator-runtime.js, the run-time helpers of the precompiled validators.
/** `format: email` (RFC 5321 Mailbox, dot-atom forms), linear-time. */
export declare const EMAIL_FORMAT: RegExp;
export declare function ucs2length(text: string): number;
export declare const validatorFormats: {
  readonly [format: string]: { validate(text: string): boolean } | undefined;
};
