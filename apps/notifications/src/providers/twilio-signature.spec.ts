import { describe, expect, it } from '@jest/globals';
import { isValidTwilioSignature, twilioSignature } from './twilio-signature.js';

describe('twilioSignature', () => {
  // The example from Twilio's "Validating requests" documentation.
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };

  it('should match the documented example signature', () => {
    expect(twilioSignature('12345', url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('should refuse a missing, altered or foreign signature', () => {
    const good = twilioSignature('12345', url, params);
    expect(isValidTwilioSignature('12345', url, params, good)).toBe(true);
    expect(isValidTwilioSignature('12345', url, params, undefined)).toBe(false);
    expect(isValidTwilioSignature('12345', url, { ...params, Digits: '9999' }, good)).toBe(false);
    expect(isValidTwilioSignature('other', url, params, good)).toBe(false);
  });
});
