// A convoy as the boarding tablet keeps it: the families from the printed manifest (names included,
// so the officer can call them), and what has been tapped since. Pure functions; storage is elsewhere.

export interface ManifestMember {
  memberId: string;
  fullNameAr: string | null;
  fullNameLatin: string | null;
  isHead: boolean;
  age: number;
}

export interface ManifestHousehold {
  householdId: string;
  caseNumber: string | null;
  destination: { code: string; nameAr: string | null; nameEn: string | null };
  people: number;
  head: { fullNameAr: string | null; fullNameLatin: string | null } | null;
  members: ManifestMember[];
}

export interface ManifestVehicle {
  plate: string;
  kind: 'seats' | 'cargo' | 'stretcher' | 'ambulance_seats';
  households: ManifestHousehold[];
}

export interface ManifestAnswer {
  convoy: { id: string; campId: string; departureDate: string; departureTime: string; assemblyPoint: string; status: string };
  vehicles: ManifestVehicle[];
}

export interface ConvoyAnswer {
  id: string;
  campId: string;
  departureDate: string;
  departureTime: string;
  assemblyPoint: string;
  status: string;
  households: { householdId: string; status: string; members: number; checkedIn: string[]; noShow: boolean }[];
}

/** Where a family stands on this tablet. */
export type FamilyState = 'waiting' | 'checked-in' | 'no-show' | 'conflict';

export interface BoardingFamily {
  householdId: string;
  caseNumber: string;
  head: { fullNameAr: string | null; fullNameLatin: string | null } | null;
  destination: { code: string; nameAr: string | null; nameEn: string | null };
  /** Plates of the buses (and ambulance) the family rides. */
  plates: string[];
  members: ManifestMember[];
  state: FamilyState;
}

export interface StoredConvoy {
  id: string;
  campId: string;
  departureDate: string;
  departureTime: string;
  assemblyPoint: string;
  status: string;
  storedAt: string;
  families: BoardingFamily[];
}

/** A check-in or no-show tapped on the tablet, waiting to be sent with its Idempotency-Key. */
export interface BoardingAction {
  /** The Idempotency-Key, made at the tap: the same for every attempt. */
  key: string;
  convoyId: string;
  kind: 'check-in' | 'no-show';
  householdId: string;
  caseNumber: string;
  memberIds: string[];
  reason?: string;
  tappedAt: string;
  attempts: number;
}

/** An action the server refused (the family withdrew, the convoy was cancelled): a person must look at it. */
export interface AttentionItem {
  action: BoardingAction;
  code: string;
  status: number;
}

/** The convoy's families from its manifest, each once, with the state transport has recorded. */
export function boardingConvoy(manifest: ManifestAnswer, convoy: ConvoyAnswer, storedAt: string): StoredConvoy {
  const families = new Map<string, BoardingFamily>();
  for (const vehicle of manifest.vehicles) {
    if (vehicle.kind === 'cargo') continue;
    for (const household of vehicle.households) {
      const family =
        families.get(household.householdId) ??
        ({
          householdId: household.householdId,
          caseNumber: household.caseNumber ?? '',
          head: household.head,
          destination: household.destination,
          plates: [],
          members: [],
          state: 'waiting',
        } satisfies BoardingFamily);
      if (!family.plates.includes(vehicle.plate)) family.plates.push(vehicle.plate);
      for (const member of household.members) {
        if (!family.members.some((known) => known.memberId === member.memberId)) {
          family.members.push({ memberId: member.memberId, fullNameAr: member.fullNameAr, fullNameLatin: member.fullNameLatin, isHead: member.isHead, age: member.age });
        }
      }
      families.set(household.householdId, family);
    }
  }
  for (const household of convoy.households) {
    const family = families.get(household.householdId);
    if (!family) continue;
    if (household.noShow) family.state = 'no-show';
    else if (household.members > 0 && household.checkedIn.length >= household.members) family.state = 'checked-in';
  }
  const sorted = [...families.values()].sort((a, b) => a.caseNumber.localeCompare(b.caseNumber));
  return {
    id: convoy.id,
    campId: convoy.campId,
    departureDate: convoy.departureDate,
    departureTime: convoy.departureTime,
    assemblyPoint: convoy.assemblyPoint,
    status: convoy.status,
    storedAt,
    families: sorted,
  };
}

/** Families whose case number contains what was typed (digits and letters, case and dashes ignored). */
export function searchFamilies(families: readonly BoardingFamily[], term: string): BoardingFamily[] {
  const wanted = normaliseCaseNumber(term);
  if (!wanted) return [...families];
  return families.filter((family) => normaliseCaseNumber(family.caseNumber).includes(wanted));
}

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';

export function normaliseCaseNumber(value: string): string {
  return [...value]
    .map((char) => {
      const digit = ARABIC_INDIC.indexOf(char);
      return digit >= 0 ? String(digit) : char;
    })
    .join('')
    .toLowerCase()
    .replace(/[^0-9a-z]/g, '');
}

/** Waiting time before the next attempt to send: 1 s, 2 s, 4 s … at most a minute. */
export function retryDelayMs(failures: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, failures - 1));
}

/** How to treat the server's answer to a queued action. */
export type Outcome = 'done' | 'retry' | 'conflict' | 'signed-out';

export function outcomeOf(status: number, code = ''): Outcome {
  if (status >= 200 && status < 300) return 'done';
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'retry';
  if (status === 401) return 'signed-out';
  // The gateway's CSRF refusal (no token yet after a start with no network): the session is renewed, then retried.
  if (status === 403 && code === 'AUTH.CSRF') return 'signed-out';
  return 'conflict';
}
