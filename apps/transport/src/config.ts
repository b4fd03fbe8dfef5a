import { IsInt, Max, Min } from 'class-validator';
import { BaseServiceConfig } from '@awda/config';

/** Awda transport settings: the shared ones plus the service's own. */
export class TransportConfig extends BaseServiceConfig {
  @IsInt({ message: '$property must be an integer between 1 and 65535' })
  @Min(1, { message: '$property must be an integer between 1 and 65535' })
  @Max(65535, { message: '$property must be an integer between 1 and 65535' })
  override PORT: number = 3003;
}
