import { connect, type Socket } from 'node:net';

// A client that writes HTTP/1.1 by hand over a socket, for what fetch cannot do: send headers and only part of a body
// (or none of it), keep sending slowly, and see exactly when the server answers and whether it closes the connection.

export interface RawAnswer {
  /** The status code, or undefined when the connection ended without an answer. */
  status: number | undefined;
  /** Header names in lower case. */
  headers: Record<string, string>;
}

export interface RawUpload {
  socket: Socket;
  /** Resolves with the first answer's head, or with no status when the connection ends before one. */
  answer: Promise<RawAnswer>;
  /** Resolves once the connection has ended, whoever ended it. */
  ended: Promise<void>;
  /** Writes more bytes (of a body), resolving once the socket has taken them; false if it is closed already. */
  send(bytes: Buffer | string): Promise<boolean>;
}

export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string | number>;
  /** Written right after the head; the rest, if any, through send(). */
  body?: Buffer | string;
}

const HEAD_END = '\r\n\r\n';

function parseHead(head: string): RawAnswer {
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]) || undefined, headers };
}

/** Opens a connection to 127.0.0.1:`port` and writes a request's head (and the start of its body). */
export function startUpload(port: number, request: RawRequest = {}): RawUpload {
  const socket = connect(port, '127.0.0.1');
  const head = [`${request.method ?? 'POST'} ${request.path ?? '/slack/events'} HTTP/1.1`, 'host: 127.0.0.1'];
  for (const [name, value] of Object.entries(request.headers ?? {})) head.push(`${name}: ${value}`);
  socket.write(`${head.join('\r\n')}${HEAD_END}`);
  if (request.body !== undefined) socket.write(request.body);
  // A server that refuses the upload may reset the connection while bytes are still being written.
  socket.on('error', () => undefined);

  // Not events.once: it would reject on the error that comes before the close.
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const answer = new Promise<RawAnswer>((resolve) => {
    let received = '';
    const onData = (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const end = received.indexOf(HEAD_END);
      if (end < 0) return;
      socket.off('data', onData);
      socket.resume();
      resolve(parseHead(received.slice(0, end)));
    };
    socket.on('data', onData);
    // No effect once the head was read.
    void ended.then(() => resolve({ status: undefined, headers: {} }));
  });
  return {
    socket,
    answer,
    ended,
    send: async (bytes) => {
      if (socket.destroyed || socket.writableEnded) return false;
      if (socket.write(bytes)) return true;
      await new Promise<void>((resolve) => {
        const done = () => {
          socket.off('drain', done);
          socket.off('close', done);
          resolve();
        };
        socket.on('drain', done);
        socket.on('close', done);
      });
      return !socket.destroyed;
    },
  };
}

/** A chunk of a body sent with `transfer-encoding: chunked`. */
export function chunk(bytes: Buffer | string): Buffer {
  const data = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
  return Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
}
