export {
  DEFAULT_SMS_COUNTRIES,
  HOME_COUNTRY,
  areSupportedCountries,
  parseCountryList,
  readMobilePhone,
  readPhone,
  readSenderPhone,
  readSmsPhone,
  smsPhoneRule,
  type PhoneNumber,
  type PhoneProblem,
  type PhoneReading,
} from './phone-number.js';
