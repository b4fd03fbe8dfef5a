export { ConfigError, type ConfigProblem } from './config.error.js';
export { loadConfig } from './load-config.js';
export { isSecretVariable } from './secrets.js';
export { parseFieldEncryptionKeys, KEY_ID_PATTERN } from './field-encryption-keys.js';
export { EnvRule, RefuseInProduction, isUrlWith, splitList } from './env-rules.js';
export { BaseAppConfig } from './base-app.config.js';
export {
  BaseServiceConfig,
  DEV_FIELD_ENCRYPTION_ACTIVE_KEY,
  DEV_FIELD_ENCRYPTION_KEYS,
  DEV_JWT_SECRET,
  DEV_LOOKUP_HASH_KEY,
  JWT_ALGORITHMS,
  LOG_LEVELS,
  NODE_ENVS,
  type JwtAlgorithm,
  type LogLevel,
  type NodeEnv,
} from './base-service.config.js';
