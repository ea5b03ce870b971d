// The benchmark's ceiling: the least a Node HTTP server can do for a login — read the body,
// answer a fixed JSON body with a Set-Cookie header. bench/run.ts hands it the same bytes the
// mock sends (the spec's `success` example, a cookie with a JWT of the same length), so the
// ratio measures the mock's work, not a difference in payload size.
import { createServer } from "node:http";

const body = process.env.CEILING_BODY ?? "{}";
const cookie = process.env.CEILING_COOKIE ?? "token=x";
const port = Number(process.argv[2] ?? 0);

createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, {
      "content-type": "application/json; charset=utf-8",
      "set-cookie": cookie,
      "content-length": Buffer.byteLength(body),
    });
    response.end(body);
  });
}).listen(port, "127.0.0.1");
