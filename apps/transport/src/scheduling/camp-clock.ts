import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { SERVICE_CONFIG, todayIn } from '@awda/bootstrap';
import type { TransportConfig } from '../config.js';
import { TransportErrors } from '../transport.errors.js';

/**
 * A convoy's date and time are the camp's wall clock (CAMP_TIME_ZONE); events also carry the instant
 * they stand for, so that a consumer never has to guess the zone (a travel message expires at it).
 */
export function departureInstant(departureDate: string, departureTime: string, timeZone: string): string {
  const local = DateTime.fromISO(`${departureDate}T${departureTime}`, { zone: timeZone });
  if (!local.isValid) throw new Error(`no instant for ${departureDate} ${departureTime} in ${timeZone}: ${local.invalidExplanation ?? ''}`);
  return local.toUTC().toISO({ suppressMilliseconds: true }) ?? '';
}

/** "Today" and departure instants where the camps are (CAMP_TIME_ZONE), never in UTC. */
@Injectable()
export class CampClock {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: TransportConfig) {}

  get timeZone(): string {
    return this.config.CAMP_TIME_ZONE;
  }

  /** Today's date (YYYY-MM-DD) in the camps' time zone. */
  today(now: Date = new Date()): string {
    return todayIn(this.config.CAMP_TIME_ZONE, now);
  }

  /** A convoy or plan dated before today where the camps are is a mistake: TRANSPORT.DATE_IN_PAST (422). */
  refuseBeforeToday(departureDate: string): void {
    const today = this.today();
    if (departureDate < today) throw TransportErrors.dateInPast(departureDate, today, this.config.CAMP_TIME_ZONE);
  }

  /** Whether the convoy's date is still to come where the camps are (a departure recorded now would be early). */
  isBeforeDate(departureDate: string, now: Date = new Date()): boolean {
    return this.today(now) < departureDate;
  }

  departsAt(convoy: { departureDate: string; departureTime: string }): string {
    return departureInstant(convoy.departureDate, convoy.departureTime, this.config.CAMP_TIME_ZONE);
  }
}
