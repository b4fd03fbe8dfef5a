// A TLS + HTTP/2 front for the console-load benchmark, standing where the deployment's ingress stands
// (deploy/k8s/60-ingress.yaml terminates TLS; ingress-nginx speaks HTTP/2 to browsers): the browser
// opens one connection and multiplexes every request on it, instead of the six HTTP/1.1 connections
// it opens to the gateway directly (`npm start`). Each request is forwarded to the gateway over plain
// HTTP/1.1 keep-alive on loopback, bodies streamed, Host kept as the browser sent it (so the
// gateway's same-origin check sees the front's origin). A certificate made for the run by openssl;
// Chromium is told to accept its key (--ignore-certificate-errors-spki-list), so the origin counts
// as secure and its service worker registers as it would behind a real certificate.
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createSecureServer } from 'node:http2';
import type { OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface H2Front {
  url: string;
  /** base64 SHA-256 of the certificate's public key, for --ignore-certificate-errors-spki-list. */
  spki: string;
  close(): Promise<void>;
}

// Headers HTTP/2 forbids (RFC 9113 §8.2.2), dropped from the gateway's answers.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

export async function startH2Front(target: string): Promise<H2Front> {
  const dir = mkdtempSync(join(tmpdir(), 'awda-h2-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  const certPem = readFileSync(cert);
  const spki = createHash('sha256').update(createPublicKey(certPem).export({ type: 'spki', format: 'der' })).digest('base64');
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });

  // HTTP/1.1 is allowed too, for Playwright's own HTTP client (the benchmark's sign-in); Chromium takes h2.
  const server = createSecureServer({ key: readFileSync(key), cert: certPem, allowHTTP1: true }, (incoming, answer) => {
    const forwarded: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (name.startsWith(':') || value === undefined || HOP_BY_HOP.has(name)) continue;
      forwarded[name] = value;
    }
    forwarded['host'] = String(incoming.headers[':authority'] ?? incoming.headers.host ?? upstream.host);
    const outgoing = request({ host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: forwarded, agent });
    outgoing.on('response', (upstreamAnswer) => {
      const back: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(upstreamAnswer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) back[name] = value;
      answer.writeHead(upstreamAnswer.statusCode ?? 502, back);
      upstreamAnswer.pipe(answer);
    });
    outgoing.on('error', () => {
      if (!answer.headersSent) answer.writeHead(502);
      answer.end();
    });
    incoming.on('error', () => outgoing.destroy());
    incoming.pipe(outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    spki,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
