// idle.mjs - open N keep-alive connections, send one request on each, and
// hold them open.
//
// usage: node bench/idle.mjs PORT N PATH [TOKEN]
// Prints "READY n=N statuses=..." once every connection has had its answer,
// then keeps the sockets open until SIGTERM (the caller reads the server's
// memory meanwhile), and then prints "CLOSED_EARLY n=K": how many of them
// the server closed while they were meant to be held.
import net from 'node:net';

const [port, nArg, path, token] = process.argv.slice(2);
const n = Number(nArg);
const auth = token ? `Authorization: Bearer ${token}\r\n` : '';
const request = `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth}Connection: keep-alive\r\n\r\n`;
const statuses = {};
const sockets = [];
let answered = 0;
let closedEarly = 0;

function open() {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port: Number(port) }, () => s.write(request));
    let buf = '';
    let done = false;
    s.setEncoding('latin1');
    s.on('data', (chunk) => {
      if (done) return;
      buf += chunk;
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const m = /content-length:\s*(\d+)/i.exec(buf.slice(0, end));
      if (m && buf.length < end + 4 + Number(m[1])) return;
      done = true;
      const status = buf.slice(9, 12);
      statuses[status] = (statuses[status] || 0) + 1;
      answered++;
      resolve();
    });
    s.on('error', reject);
    s.on('close', () => { if (done) closedEarly++; else reject(new Error('closed before an answer')); });
    sockets.push(s);
  });
}

// Open in groups of 50 so the listen backlog never overflows.
for (let i = 0; i < n; i += 50) {
  const group = [];
  for (let j = i; j < Math.min(n, i + 50); j++) group.push(open());
  await Promise.all(group);
}
console.log(`READY n=${answered} statuses=${JSON.stringify(statuses)}`);
setInterval(() => {}, 60000);
process.on('SIGTERM', () => {
  console.log(`CLOSED_EARLY n=${closedEarly}`);
  for (const s of sockets) s.destroy();
  process.exit(0);
});
