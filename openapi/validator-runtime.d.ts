// Types of validator-runtime.js, the run-time helpers of the precompiled validators.
export declare function ucs2length(text: string): number;
export declare const validatorFormats: {
  readonly [format: string]: { validate(text: string): boolean } | undefined;
};
