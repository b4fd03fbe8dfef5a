import { ConflictError, DomainError, NotFoundError } from '@awda/bootstrap';

export const USERS_ERRORS = {
  NOT_FOUND: 'USERS.NOT_FOUND',
  USERNAME_TAKEN: 'USERS.USERNAME_TAKEN',
  MANAGED_BY_PROVIDER: 'USERS.MANAGED_BY_PROVIDER',
  LAST_ADMIN: 'USERS.LAST_ADMIN',
  WEAK_PASSWORD: 'AUTH.WEAK_PASSWORD',
  WRONG_CURRENT_PASSWORD: 'AUTH.WRONG_CURRENT_PASSWORD',
  NO_LOCAL_PASSWORD: 'AUTH.NO_LOCAL_PASSWORD',
} as const;

export const userNotFound = () => new NotFoundError(USERS_ERRORS.NOT_FOUND, 'There is no such user');
export const usernameTaken = () => new ConflictError(USERS_ERRORS.USERNAME_TAKEN, 'That username is already used; choose another');
export const managedByProvider = () =>
  new DomainError(
    USERS_ERRORS.MANAGED_BY_PROVIDER,
    "This person signs in through the organisation's identity provider, which decides their roles, camps and password; change them there",
  );
export const lastAdmin = () =>
  new DomainError(USERS_ERRORS.LAST_ADMIN, 'This would leave no administrator who can sign in; give another user the admin role first');
export const weakPassword = (problems: string[]) =>
  new DomainError(USERS_ERRORS.WEAK_PASSWORD, problems.join('. '), 422, { problems });
export const wrongCurrentPassword = () =>
  new DomainError(USERS_ERRORS.WRONG_CURRENT_PASSWORD, 'The current password is not right', 422);
export const noLocalPassword = () =>
  new DomainError(USERS_ERRORS.NO_LOCAL_PASSWORD, "You sign in through your organisation's identity provider; change your password there");
