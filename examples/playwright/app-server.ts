/**
 * A stand-in for your app's dev server: one blank page on its own origin (a loopback port of
 * its own, as a dev server is), whose code the tests run with `page.evaluate`. Started by the
 * config's webServer: `node examples/playwright/app-server.ts PORT`.
 */
import { createServer } from "node:http";

const port = Number(process.argv[2]);
createServer((_request, response) => {
  response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  response.end("<!doctype html><title>app</title><p>app");
}).listen(port, "127.0.0.1");
