// The baseline of BENCHMARKS.md P7-P9: the y-websocket server from npm
// (@y/websocket-server, the reference server of the Yjs project), set up the way its own
// `src/server.js` does it: every WebSocket upgrade goes to `setupWSConnection`, the
// document's name is the URL path. It stores nothing (no YPERSISTENCE) and checks no token.
// The only difference from its `src/server.js` is the `ws` it runs on: the pinned `ws` of
// this package (the loader's), rather than the optional ws@6 it declares.
//
//   node server.mjs PORT   → prints "listening PORT" when ready
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const port = Number(process.argv[2] || 1234);
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const http = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end('okay');
});

wss.on('connection', setupWSConnection);
http.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});

http.listen(port, '127.0.0.1', () => console.log(`listening ${port}`));
