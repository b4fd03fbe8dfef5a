import { Global, Module, type DynamicModule, type FactoryProvider, type ModuleMetadata, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUTH_OPTIONS, assertAuthOptions, type AuthModuleOptions } from './auth.options.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { RolesGuard } from './roles.guard.js';
import { TokenVerifier } from './token-verifier.js';

export interface AuthModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: FactoryProvider<AuthModuleOptions>['inject'];
  useFactory: (...args: never[]) => AuthModuleOptions | Promise<AuthModuleOptions>;
}

// Order matters: Nest runs global guards in the order they are provided.
const GUARDS: Provider[] = [
  TokenVerifier,
  { provide: APP_GUARD, useClass: JwtAuthGuard },
  { provide: APP_GUARD, useClass: RolesGuard },
];

/** Bearer-token authentication and role checks for every HTTP route of the app. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    assertAuthOptions(options);
    return {
      module: AuthModule,
      global: true,
      providers: [{ provide: AUTH_OPTIONS, useValue: options }, ...GUARDS],
      exports: [TokenVerifier],
    };
  }

  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: options.imports ?? [],
      providers: [{ provide: AUTH_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] }, ...GUARDS],
      exports: [TokenVerifier],
    };
  }
}
