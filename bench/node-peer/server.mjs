// A plain socket.io server, the side-by-side baseline for the real-time benchmarks.
// It speaks FluxStudio's /messaging events (message:send with an acknowledgement, then
// message:new to the conversation's room) but stores nothing and checks no token, so
// it shows what the transport alone costs in Node.
//
//   node server.mjs PORT   → prints "listening PORT" when ready
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from 'socket.io';

const port = Number(process.argv[2] || 4700);
const http = createServer();
const io = new Server(http, { path: '/api/socket.io', serveClient: false, maxHttpBufferSize: 1e6 });
const seqs = new Map();

io.of('/messaging').on('connection', (socket) => {
  const conversation = socket.handshake.auth?.conversationId;
  if (conversation) socket.join(`conversation:${conversation}`);
  socket.on('message:send', (payload, ack) => {
    const seq = (seqs.get(payload.conversationId) || 0) + 1;
    seqs.set(payload.conversationId, seq);
    const message = {
      id: randomUUID(),
      conversationId: payload.conversationId,
      seq,
      authorId: null,
      body: payload.body,
      createdAt: new Date().toISOString(),
    };
    io.of('/messaging').to(`conversation:${payload.conversationId}`).emit('message:new', message);
    if (typeof ack === 'function') ack({ message, created: true });
  });
});

http.listen(port, '127.0.0.1', () => console.log(`listening ${port}`));
