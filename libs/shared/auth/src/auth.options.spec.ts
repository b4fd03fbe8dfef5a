import { describe, expect, it } from '@jest/globals';
import { BaseServiceConfig, loadConfig, type JwtAlgorithm } from '@awda/config';
import { assertAuthOptions, authOptionsFromConfig } from './auth.options.js';

const SECRET = 'a-secret-that-is-long-enough-for-hs256';

describe(assertAuthOptions.name, () => {
  it('should accept the options a development config describes', () => {
    const options = authOptionsFromConfig(loadConfig(BaseServiceConfig, {}));
    expect(options).toMatchObject({ issuer: 'awda-local', audience: 'awda', algorithms: ['HS256'] });
    expect(() => assertAuthOptions(options)).not.toThrow();
  });

  it('should refuse none, a missing or short secret, and asymmetric algorithms without a JWKS', () => {
    const base = { issuer: 'awda-local', audience: 'awda', secret: SECRET };
    expect(() => assertAuthOptions({ ...base, algorithms: ['none' as JwtAlgorithm] })).toThrow('"none" is not allowed');
    expect(() => assertAuthOptions({ ...base, algorithms: [] })).toThrow('must not be empty');
    expect(() => assertAuthOptions({ ...base, algorithms: ['HS256'], secret: 'short' })).toThrow('at least 32');
    expect(() => assertAuthOptions({ ...base, algorithms: ['ES256'] })).toThrow('need a jwksUrl');
  });
});
