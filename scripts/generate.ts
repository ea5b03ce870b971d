// `npm run generate`: writes openapi/generated/<variant>.{ts,json} from each OpenAPI document.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { VARIANTS } from "../openapi/documents.ts";
import { renderGeneratedFiles } from "../openapi/render-generated.ts";

for (const variant of VARIANTS) {
  for (const file of await renderGeneratedFiles(variant)) {
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, file.content);
    console.log(`[login-mock] wrote ${relative(process.cwd(), file.path)}`);
  }
}
