import { IsInt, Max, Min } from 'class-validator';
import { BaseServiceConfig } from '@awda/config';

/** Awda reporting settings: the shared ones (it has none of its own yet). */
export class ReportingConfig extends BaseServiceConfig {
  @IsInt({ message: '$property must be an integer between 1 and 65535' })
  @Min(1, { message: '$property must be an integer between 1 and 65535' })
  @Max(65535, { message: '$property must be an integer between 1 and 65535' })
  override PORT: number = 3005;
}
