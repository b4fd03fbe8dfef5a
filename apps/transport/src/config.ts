import { IsInt, IsTimeZone, Max, Min } from 'class-validator';
import { BaseServiceConfig } from '@awda/config';

/** Awda transport settings: the shared ones plus the service's own. */
export class TransportConfig extends BaseServiceConfig {
  @IsInt({ message: '$property must be an integer between 1 and 65535' })
  @Min(1, { message: '$property must be an integer between 1 and 65535' })
  @Max(65535, { message: '$property must be an integer between 1 and 65535' })
  override PORT: number = 3003;

  /**
   * IANA time zone of the camps: a convoy's date and time are read on this clock ("today" for a plan,
   * the departure instant in events). Keep it equal to registration's setting.
   */
  @IsTimeZone({ message: '$property must be an IANA time zone such as Asia/Damascus' })
  CAMP_TIME_ZONE: string = 'Asia/Damascus';
}
