// Every name on the broker derives from the namespace, so parallel test runs never meet.
const NAMESPACE_PATTERN = /^[a-z0-9_]*$/;

export function assertNamespace(namespace: string): void {
  if (!NAMESPACE_PATTERN.test(namespace)) {
    throw new Error(`AWDA_NAMESPACE must be lowercase letters, digits or _ (got "${namespace}")`);
  }
}

/** Subject on the wire for a contract subject. */
export function wireSubject(namespace: string, subject: string): string {
  return namespace ? `${namespace}.${subject}` : subject;
}

/** Contract subject for a subject received on the wire. */
export function contractSubject(namespace: string, wire: string): string {
  const prefix = namespace ? `${namespace}.` : '';
  return prefix && wire.startsWith(prefix) ? wire.slice(prefix.length) : wire;
}

export function eventStreamName(namespace: string): string {
  return namespace ? `${namespace.toUpperCase()}_AWDA_EVENTS` : 'AWDA_EVENTS';
}

/** All domain events, and the dead-letter subjects, live under awda.> */
export function eventStreamSubjects(namespace: string): string[] {
  return [wireSubject(namespace, 'awda.>')];
}

export function consumerName(namespace: string, service: string): string {
  return namespace ? `${namespace}_${service}` : service;
}

/** Dead letters of one consumer: awda.dlq.<service>. */
export function deadLetterSubject(namespace: string, service: string): string {
  return wireSubject(namespace, `awda.dlq.${service}`);
}

export const DLQ_SUBJECT_PREFIX = 'awda.dlq.';
