import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@awda/bootstrap';
import type { RegistrationConfig } from '../config.js';

/** The calendar date (YYYY-MM-DD) an instant falls on in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * The time registration decides with, and "today" where the camps are: a consent signed today is
 * dated with the camp's date, which runs three hours ahead of UTC in Syria. Tests set `now`.
 */
@Injectable()
export class CampClock {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: RegistrationConfig) {}

  now(): Date {
    return new Date();
  }

  /** Today's date in the camps' time zone (CAMP_TIME_ZONE). */
  today(): string {
    return localDate(this.now(), this.config.CAMP_TIME_ZONE);
  }
}
