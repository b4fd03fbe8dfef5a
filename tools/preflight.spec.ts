import { describe, expect, it } from '@jest/globals';
import { natsStartHint, postgresStartHint, serverOf } from './preflight.js';

describe('preflight hints', () => {
  it('should tell to start nats-server on the port NATS_URL names, not always 4222', () => {
    const hint = natsStartHint('nats://127.0.0.1:4299').join('\n');
    expect(hint).toContain('-a 127.0.0.1 -p 4299 -js');
    expect(hint).not.toContain('4222');
    expect(natsStartHint('nats://10.0.0.5').join('\n')).toContain('-a 10.0.0.5 -p 4222');
  });

  it('should name the port DATABASE_URL expects PostgreSQL on', () => {
    expect(postgresStartHint('postgres://postgres@127.0.0.1:5433/awda').join('\n')).toContain('its port must be 5433');
    expect(serverOf('nats://a:1,nats://b:2', 4222)).toEqual({ host: 'a', port: 1 });
  });
});
