#!/usr/bin/env node
// `npm run validate:specs` (or `node scripts/validate-specs.mjs validate <file>…`): @apidevtools/swagger-parser 13 ships no CLI (its old
// companion, swagger-cli, is deprecated and pinned to parser 10, which predates OpenAPI 3.1),
// so the project provides the one command it needs.
import SwaggerParser from "@apidevtools/swagger-parser";

const [command, ...files] = process.argv.slice(2);
if (command !== "validate" || files.length === 0) {
  console.error("Usage: swagger-parser validate <openapi-file> [<openapi-file>…]");
  process.exit(2);
}
let failed = false;
for (const file of files) {
  try {
    const api = await SwaggerParser.validate(file);
    console.log(`${file} is valid (OpenAPI ${api.openapi ?? api.swagger})`);
  } catch (error) {
    failed = true;
    console.error(`${file} is invalid: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exit(failed ? 1 : 0);
