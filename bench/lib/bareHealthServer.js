// The ceiling for the health benchmark: a bare Node http server answering the same JSON.
import http from 'node:http';

const body = process.env.BODY ?? '{"status":"ok"}';
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  process.stderr.write(`listening at http://127.0.0.1:${server.address().port}/\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
