// A stand-in service for the proxy tests that must look at the wire: what arrived (headers, how
// many body bytes so far) and when it answers. The real services are used wherever behaviour counts.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ProbeRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** Body bytes received so far (grows while an upload streams in). */
  bytes: number;
  complete: boolean;
  response: ServerResponse;
}

export interface ProbeService {
  url: string;
  requests: ProbeRequest[];
  /** Decides how to answer a request once its body is complete; default 200 with what was received. */
  answer: (request: ProbeRequest) => void;
  close(): Promise<void>;
}

export async function startProbeService(): Promise<ProbeService> {
  const sockets = new Set<Socket>();
  const requests: ProbeRequest[] = [];
  const probe: ProbeService = {
    url: '',
    requests,
    answer: (r) => {
      r.response.setHeader('content-type', 'application/json');
      r.response.setHeader('set-cookie', 'service_cookie=1');
      r.response.setHeader('x-service-header', 'kept');
      r.response.end(JSON.stringify({ method: r.method, url: r.url, bytes: r.bytes }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    const seen: ProbeRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, bytes: 0, complete: false, response: res };
    requests.push(seen);
    req.on('data', (chunk: Buffer) => {
      seen.bytes += chunk.length;
    });
    req.on('end', () => {
      seen.complete = true;
      probe.answer(seen);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  probe.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return probe;
}

/** A port on which nothing listens (a service that is down). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
