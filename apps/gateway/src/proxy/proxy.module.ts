import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module.js';
import { ApiProxy } from './api-proxy.middleware.js';
import { ServiceTokens } from './service-tokens.js';

/**
 * The proxy is middleware, not a controller: it must see the raw request stream (no body parser
 * runs on /api) and it runs after the logging and correlation middleware of the global modules.
 */
@Module({
  imports: [SessionsModule],
  providers: [ApiProxy, ServiceTokens],
})
export class ProxyModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ApiProxy).forRoutes({ path: 'api/{*path}', method: RequestMethod.ALL });
  }
}
