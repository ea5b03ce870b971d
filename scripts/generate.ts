// `npm run generate`: writes openapi/generated/ (types, JSON, validators) from the OpenAPI documents.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { renderAllGeneratedFiles } from "../openapi/render-generated.ts";

for (const file of await renderAllGeneratedFiles()) {
  await mkdir(dirname(file.path), { recursive: true });
  await writeFile(file.path, file.content);
  console.log(`[login-mock] wrote ${relative(process.cwd(), file.path)}`);
}
