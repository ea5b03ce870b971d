// The benchmark's ceiling: the least a Node HTTP server can do for a login — read the body,
// answer a fixed JSON body with a Set-Cookie header. Nothing real can be faster.
import { createServer } from "node:http";

const body = JSON.stringify({
  status: "success",
  data: { name: "John Doe" },
  message: "user Login Successful.",
});
const cookie =
  "token=eyJhbGciOiJIUzI1NiJ9.e30.x; Max-Age=86400; Path=/; HttpOnly; Secure; SameSite=None";
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
