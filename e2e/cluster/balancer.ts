// Stands in for a Kubernetes Service in front of a service's replicas: round robin over them, and a
// replica that refuses the connection (killed, not yet restarted) is skipped for the next one — the
// request never reached it, so trying another cannot do anything twice. Any other failure is answered
// 502 and left to the client's own retry (same Idempotency-Key). Counts what each replica was given.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export class Balancer {
  /** Requests answered by each backend, by its URL. */
  readonly served = new Map<string, number>();
  /** Connections a backend refused (a request then went to the next one). */
  refused = 0;
  private next = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly backends: () => readonly string[],
  ) {}

  static async start(backends: () => readonly string[]): Promise<Balancer> {
    const ready: { balancer?: Balancer } = {};
    const server = createServer((req, res) => void ready.balancer?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as { port: number };
    ready.balancer = new Balancer(server, `http://127.0.0.1:${port}`, backends);
    return ready.balancer;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const backends = this.backends();
    const first = this.next++;
    for (let i = 0; i < backends.length; i++) {
      const backend = backends[(first + i) % backends.length] as string;
      const outcome = await this.forward(backend, req, body, res);
      if (outcome === 'done') {
        this.served.set(backend, (this.served.get(backend) ?? 0) + 1);
        return;
      }
      if (outcome === 'failed') {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' }).end('{"message":"replica failed"}');
        else res.destroy();
        return;
      }
      this.refused += 1;
    }
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"no replica accepts connections"}');
  }

  private forward(backend: string, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<'done' | 'refused' | 'failed'> {
    return new Promise((resolve) => {
      const target = new URL(req.url ?? '/', backend);
      const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      const out = request(target, { method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', () => resolve('done'));
        answer.on('error', () => resolve('failed'));
      });
      out.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' ? 'refused' : 'failed'));
      out.end(body);
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
