import type { Readable } from 'node:stream';
import { DomainError } from '@awda/bootstrap';

/** Reads a small text body (a CSV of areas, say) that no body parser handled. */
export async function readTextBody(stream: Readable, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > maxBytes) throw new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes`, 413);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
