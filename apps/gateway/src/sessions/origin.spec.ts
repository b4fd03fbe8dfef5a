import { describe, expect, it } from '@jest/globals';
import { isAllowedOrigin, isStateChanging } from './origin.js';

describe(isAllowedOrigin.name, () => {
  it('should accept the origin of the host the request was sent to, with or without a default port', () => {
    expect(isAllowedOrigin({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }, [])).toBe(true);
    expect(isAllowedOrigin({ origin: 'https://awda.example.org', host: 'awda.example.org' }, [])).toBe(true);
    expect(isAllowedOrigin({ origin: 'https://awda.example.org', host: 'awda.example.org:443' }, [])).toBe(true);
    expect(isAllowedOrigin({ origin: 'https://AWDA.example.org', host: 'Awda.Example.org' }, [])).toBe(true);
  });

  it('should refuse another site, another port, a missing or opaque origin and a scheme that is not http', () => {
    expect(isAllowedOrigin({ origin: 'https://evil.example', host: 'awda.example.org' }, [])).toBe(false);
    expect(isAllowedOrigin({ origin: 'http://127.0.0.1:3001', host: '127.0.0.1:3000' }, [])).toBe(false);
    expect(isAllowedOrigin({ host: '127.0.0.1:3000' }, [])).toBe(false);
    expect(isAllowedOrigin({ origin: 'null', host: '127.0.0.1:3000' }, [])).toBe(false);
    expect(isAllowedOrigin({ origin: 'file://127.0.0.1:3000', host: '127.0.0.1:3000' }, [])).toBe(false);
    expect(isAllowedOrigin({ origin: 'not a url', host: '127.0.0.1:3000' }, [])).toBe(false);
  });

  it('should accept a configured public origin when a proxy in front rewrites the Host', () => {
    expect(isAllowedOrigin({ origin: 'https://awda.example.org', host: 'gateway:3000' }, ['https://awda.example.org'])).toBe(true);
    expect(isAllowedOrigin({ origin: 'https://awda.example.org.evil', host: 'gateway:3000' }, ['https://awda.example.org'])).toBe(false);
  });
});

describe(isStateChanging.name, () => {
  it('should treat every method but GET, HEAD and OPTIONS as state-changing', () => {
    expect(['GET', 'head', 'OPTIONS'].map(isStateChanging)).toEqual([false, false, false]);
    expect(['POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND'].map(isStateChanging)).toEqual([true, true, true, true, true]);
  });
});
