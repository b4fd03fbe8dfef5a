// TanStack Query hooks over the generated clients: one cache entry per thing a page shows.
import { useQuery } from '@tanstack/react-query';
import { eligibilityApi, notificationsApi, registrationApi, transportApi, unwrap } from '../api/clients';
import { earlyAnswerNow, takeEarlyRead } from '../app/early-reads';
import type {
  Area,
  AssessmentView,
  ConsentEntry,
  GuardianConsentEntry,
  HouseholdPage,
  HouseholdView,
  MessageView,
  OverrideView,
  SeatView,
  Timeline,
} from '../api/types';
import type { HouseholdSearch } from './search';

export const householdKeys = {
  all: ['household'] as const,
  one: (id: string) => ['household', id] as const,
  timeline: (id: string) => ['household', id, 'timeline'] as const,
  assessment: (id: string) => ['household', id, 'assessment'] as const,
  consents: (id: string) => ['household', id, 'consents'] as const,
  guardianConsents: (id: string) => ['household', id, 'guardian-consents'] as const,
  seat: (id: string) => ['household', id, 'seat'] as const,
  messages: (id: string) => ['household', id, 'messages'] as const,
  overrides: (id: string) => ['household', id, 'overrides'] as const,
};

/**
 * A query's initial data from an early read that has already come (early-reads.ts), with the time
 * it came so that the query's staleTime counts from then (no second read on mount).
 */
function startedEarly<T>(url: string): { initialData: () => T | undefined; initialDataUpdatedAt: () => number | undefined } {
  let taken: { body: T; at: number } | undefined;
  const take = () => (taken ??= earlyAnswerNow<T>(url));
  return { initialData: () => take()?.body, initialDataUpdatedAt: () => take()?.at };
}

export function useAreas() {
  return useQuery({
    queryKey: ['areas'],
    queryFn: async () => (await takeEarlyRead<Area[]>('/api/registration/areas'))?.body ?? unwrap<Area[]>(registrationApi.GET('/areas')),
    ...startedEarly<Area[]>('/api/registration/areas'),
    staleTime: 10 * 60_000,
  });
}

export function useHouseholdSearch(search: HouseholdSearch | null, page: number) {
  return useQuery({
    // The search term lives in memory only (query cache), cleared at sign-out.
    queryKey: ['households', search, page],
    queryFn: () => unwrap<HouseholdPage>(registrationApi.GET('/households', { params: { query: { ...search, page, pageSize: 20 } } })),
    enabled: search !== null,
    gcTime: 60_000,
  });
}

export function useHousehold(id: string) {
  return useQuery({
    queryKey: householdKeys.one(id),
    queryFn: async () =>
      (await takeEarlyRead<HouseholdView>(`/api/registration/households/${id}`))?.body ??
      unwrap<HouseholdView>(registrationApi.GET('/households/{id}', { params: { path: { id } } })),
    ...startedEarly<HouseholdView>(`/api/registration/households/${id}`),
  });
}

// The assessment follows a change within seconds (through events): poll until it has caught up
// with the version on screen, a bounded number of times.
const CATCH_UP_POLL_MS = 2000;
const CATCH_UP_POLLS = 30;

function catchUp(seenVersion: number | undefined, expected: number | undefined, polls: number): number | false {
  if (expected === undefined || polls > CATCH_UP_POLLS) return false;
  return seenVersion === undefined || seenVersion < expected ? CATCH_UP_POLL_MS : false;
}

export function useTimeline(id: string, expectedVersion?: number) {
  return useQuery({
    queryKey: householdKeys.timeline(id),
    queryFn: () => unwrap<Timeline>(registrationApi.GET('/households/{id}/timeline', { params: { path: { id } } })),
    refetchInterval: (query) =>
      catchUp(query.state.data?.latestAssessment?.householdVersion, expectedVersion, query.state.dataUpdateCount + query.state.errorUpdateCount),
  });
}

export function useAssessment(id: string, expectedVersion?: number) {
  return useQuery({
    queryKey: householdKeys.assessment(id),
    queryFn: async () =>
      (await takeEarlyRead<AssessmentView>(`/api/eligibility/assessments/${id}`))?.body ??
      unwrap<AssessmentView>(eligibilityApi.GET('/assessments/{householdId}', { params: { path: { householdId: id } } })),
    ...startedEarly<AssessmentView>(`/api/eligibility/assessments/${id}`),
    retry: false,
    refetchInterval: (query) =>
      catchUp(query.state.data?.householdVersion, expectedVersion, query.state.dataUpdateCount + query.state.errorUpdateCount),
  });
}

export function useConsents(id: string, enabled = true) {
  return useQuery({
    queryKey: householdKeys.consents(id),
    queryFn: () => unwrap<ConsentEntry[]>(registrationApi.GET('/households/{id}/consents', { params: { path: { id } } })),
    enabled,
  });
}

export function useMessages(id: string, enabled: boolean) {
  return useQuery({
    queryKey: householdKeys.messages(id),
    queryFn: () => unwrap<MessageView[]>(notificationsApi.GET('/households/{householdId}/messages', { params: { path: { householdId: id } } })),
    enabled,
    retry: false,
  });
}

export function useHouseholdOverrides(id: string) {
  return useQuery({
    queryKey: householdKeys.overrides(id),
    queryFn: () => unwrap<OverrideView[]>(eligibilityApi.GET('/households/{householdId}/overrides', { params: { path: { householdId: id } } })),
  });
}

/** Guardian consents and best-interests decisions of a household without an adult. */
export function useGuardianConsents(id: string, enabled: boolean) {
  return useQuery({
    queryKey: householdKeys.guardianConsents(id),
    queryFn: () => unwrap<GuardianConsentEntry[]>(registrationApi.GET('/households/{id}/guardian-consents', { params: { path: { id } } })),
    enabled,
  });
}

/**
 * The family's convoy seat from transport (case workers, supervisors and logistics of the camp).
 * No seat (409) or not readable (403, 404) is an answer, not an error to retry.
 */
export function useSeat(id: string, enabled: boolean, scheduleVersion?: string) {
  return useQuery({
    queryKey: [...householdKeys.seat(id), scheduleVersion] as const,
    queryFn: () => unwrap<SeatView>(transportApi.GET('/households/{householdId}/seat', { params: { path: { householdId: id } } })),
    enabled,
    retry: false,
  });
}
