import { Global, Module, type DynamicModule } from '@nestjs/common';

/** The time eligibility decides with (waiting time, override expiry); tests inject their own. */
export interface Clock {
  now(): Date;
}

export const ELIGIBILITY_CLOCK = Symbol('ELIGIBILITY_CLOCK');

export const systemClock: Clock = { now: () => new Date() };

/** Provides the clock to every feature module. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: ELIGIBILITY_CLOCK, useValue: clock }], exports: [ELIGIBILITY_CLOCK] };
  }
}
