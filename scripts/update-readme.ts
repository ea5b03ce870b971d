// `npm run docs`: regenerates the README's generated sections (scenario table, examples).
import { readFileSync, writeFileSync } from "node:fs";
import { applySections } from "./readme-sections.ts";

const path = new URL("../README.md", import.meta.url);
writeFileSync(path, applySections(readFileSync(path, "utf8")));
console.log("[login-mock] README.md sections regenerated");
