import { IsInt, Max, Min, Validate, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import { BaseServiceConfig } from '@awda/config';

const tickMs = '$property must be an integer between 10 and 600000 (milliseconds)';
const batchSize = '$property must be an integer between 1 and 5000';
const days = '$property must be a whole number of days between 1 and 730';

@ValidatorConstraint({ name: 'atLeastDefaultLifetime' })
class AtLeastDefaultLifetime implements ValidatorConstraintInterface {
  validate(max: number, args: ValidationArguments): boolean {
    return max >= (args.object as EligibilityConfig).OVERRIDE_DEFAULT_DAYS;
  }
  defaultMessage(): string {
    return 'OVERRIDE_MAX_DAYS must be at least OVERRIDE_DEFAULT_DAYS';
  }
}

/** Awda eligibility settings: the shared ones plus the service's own. */
export class EligibilityConfig extends BaseServiceConfig {
  @IsInt({ message: '$property must be an integer between 1 and 65535' })
  @Min(1, { message: '$property must be an integer between 1 and 65535' })
  @Max(65535, { message: '$property must be an integer between 1 and 65535' })
  override PORT: number = 3002;

  /** How often the scheduler looks for due area changes, expired overrides and unfinished re-evaluations. */
  @IsInt({ message: tickMs }) @Min(10, { message: tickMs }) @Max(600_000, { message: tickMs })
  ELIGIBILITY_TICK_MS: number = 5000;

  /** Households re-evaluated per transaction when an area or the rule set changes. */
  @IsInt({ message: batchSize }) @Min(1, { message: batchSize }) @Max(5000, { message: batchSize })
  REEVALUATION_BATCH_SIZE: number = 500;

  /** Days an "eligible" override lasts when the supervisor gives no expiry. */
  @IsInt({ message: days }) @Min(1, { message: days }) @Max(730, { message: days })
  OVERRIDE_DEFAULT_DAYS: number = 30;

  /** The longest an "eligible" override may be given, in days from its creation. */
  @IsInt({ message: days }) @Min(1, { message: days }) @Max(730, { message: days }) @Validate(AtLeastDefaultLifetime)
  OVERRIDE_MAX_DAYS: number = 180;
}
