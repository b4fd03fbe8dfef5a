const SECRET_NAME = /SECRET|KEY|PASSWORD|TOKEN/i;
const MAX_SHOWN = 60;

/** True when a variable's value must never be printed (its name says it is a secret). */
export function isSecretVariable(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * How a bad value may be shown in an error: hidden for secrets, URL passwords masked,
 * long values shortened.
 */
export function describeValue(name: string, value: unknown, isDefault = false): string {
  if (isSecretVariable(name)) return '(value hidden)';
  if (value === undefined) return '(not set)';
  let text = maskUrlPasswords(Array.isArray(value) ? value.join(',') : String(value));
  if (text.length > MAX_SHOWN) text = `${text.slice(0, MAX_SHOWN)}…`;
  return isDefault ? `(default ${JSON.stringify(text)})` : `(got ${JSON.stringify(text)})`;
}

// postgres://user:pw@host/db → postgres://user:***@host/db, also inside comma lists.
function maskUrlPasswords(text: string): string {
  return text.replace(/(\/\/[^:/@\s,]*:)[^@/\s,]*@/g, '$1***@');
}
