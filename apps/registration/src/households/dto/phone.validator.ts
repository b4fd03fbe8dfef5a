import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { readMobilePhone, readPhone, type PhoneReading } from '@awda/phone';

function phoneRule(name: string, read: (input: string) => PhoneReading, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && read(value).ok,
        defaultMessage: (args?: ValidationArguments) => {
          const property = args?.property ?? 'phone';
          if (typeof args?.value !== 'string') return `${property} must be written as text, such as "0944 123 456"`;
          const refused = read(args.value);
          return `${property} ${refused.ok ? 'is not valid' : refused.message}`;
        },
      },
    },
    options,
  );
}

/**
 * A mobile number of any country, written nationally (Syrian) or with its country code, and nothing
 * else; the message says why not. The countries allowed (PHONE_COUNTRIES) are checked when it is stored.
 */
export function IsMobilePhoneNumber(options?: ValidationOptions): PropertyDecorator {
  return phoneRule('isMobilePhoneNumber', (input) => readMobilePhone(input), options);
}

/** Any phone number that exists (to find one on record, even a fixed line stored before). */
export function IsPhoneNumberOnRecord(options?: ValidationOptions): PropertyDecorator {
  return phoneRule('isPhoneNumberOnRecord', (input) => readPhone(input), options);
}
