import { describe, expect, it } from '@jest/globals';
import { ApiError, apiErrorOf, fieldErrorMap } from './errors';
import { SubmissionKey, randomKey } from './submission';
import { navItemsFor } from '../app/navigation';

describe(ApiError.name, () => {
  it('should keep each field message under the form path', () => {
    const error = apiErrorOf(400, {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Some fields are missing or not valid',
      errors: [
        { field: 'members.1.fullNameAr', messages: ['fullNameAr should not be empty'] },
        { field: 'members[2].sex', messages: ['sex must be one of female, male'] },
      ],
    });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(fieldErrorMap(error).get('members.1.fullNameAr')).toEqual(['fullNameAr should not be empty']);
    expect(fieldErrorMap(error).get('members.2.sex')).toEqual(['sex must be one of female, male']);
  });

  it('should place a business refusal on the field its details name', () => {
    const error = apiErrorOf(422, { statusCode: 422, code: 'REGISTRATION.UNKNOWN_AREA', message: 'not in the list', details: { field: 'destinationArea' } });
    expect(fieldErrorMap(error).get('destinationArea')).toEqual(['not in the list']);
  });

  it('should survive a body that is not JSON (a proxy page)', () => {
    expect(apiErrorOf(502, '<html>').code).toBe('SERVER');
  });
});

describe(SubmissionKey.name, () => {
  it('should send the same key on every retry until the submission succeeded', () => {
    let n = 0;
    const submission = new SubmissionKey(() => `key-${++n}`);
    expect(submission.key()).toBe('key-1');
    expect(submission.key()).toBe('key-1');
    submission.done();
    expect(submission.key()).toBe('key-2');
  });

  it('should make version 4 UUIDs without a secure context', () => {
    expect(randomKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('navItemsFor', () => {
  it('should show a case worker no supervision or administration screen', () => {
    expect(navItemsFor(['caseworker']).map((i) => i.group)).toEqual(['casework', 'casework', 'casework', 'casework']);
  });

  it('should show an administrator users and templates', () => {
    expect(navItemsFor(['admin']).map((i) => i.key)).toEqual(expect.arrayContaining(['users', 'templates']));
  });
});
