import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { readMobilePhone, readPhone, type PhoneReading } from '@awda/phone';

function phoneRule(name: string, read: (input: string) => PhoneReading, options?: ValidationOptions): PropertyDecorator {
  const reading = (value: unknown): PhoneReading => read(typeof value === 'string' ? value : '');
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && reading(value).ok,
        defaultMessage: (args?: ValidationArguments) => {
          const refused = reading(args?.value);
          return `${args?.property ?? 'phone'} ${refused.ok ? 'is not valid' : refused.message}`;
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
