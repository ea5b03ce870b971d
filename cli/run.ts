// Entry of the bundled CLI (`dist/login-mock.mjs`, built by `npm run build`).
import { main } from "./main.ts";

process.exitCode = await main(process.argv.slice(2));
