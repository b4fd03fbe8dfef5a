// What transport needs of a household, worked out from the registration snapshot. Pure.
import type { MemberFactsV1, TravelMode } from '@awda/contracts';
import { seatUnitsOf } from '@awda/convoy-planner';

/** Where a member rides: a bus seat, a seated ambulance place or an ambulance stretcher. */
export type TravelPlace = 'bus' | 'ambulance_seat' | 'stretcher';

export interface TravellingMember {
  memberId: string;
  age: number;
  isHead: boolean;
  /** Rides an ambulance (seated or on a stretcher) instead of a bus seat. */
  ambulance: boolean;
  /** As the medical clearance states it; null when not stated (projections written before: absent). */
  travelMode?: TravelMode | null;
  /** Where the member rides (projections written before travel modes: absent, read `ambulance`). */
  place?: TravelPlace;
}

export interface TravelNeeds {
  members: TravellingMember[];
  seatUnits: number;
  /** Ambulance stretcher places. */
  ambulancePlaces: number;
  /** Seated ambulance places. */
  ambulanceSeats: number;
}

/**
 * Where a member rides. The travel mode of the medical clearance decides: a stretcher, a seated
 * ambulance place, or a bus seat (alone or with a companion of the family beside them). Without a
 * stated mode, a member with a serious medical condition (SMC) not recorded as fit to travel by bus
 * (fitToTravel false or not yet assessed) gets a stretcher: when unsure, the safer place.
 */
export function travelPlaceOf(member: Pick<MemberFactsV1, 'needs' | 'fitToTravel' | 'travelMode'>): TravelPlace {
  switch (member.travelMode) {
    case 'stretcher':
      return 'stretcher';
    case 'ambulance_seated':
      return 'ambulance_seat';
    case 'bus':
    case 'bus_with_companion':
      return 'bus';
    default:
      return member.needs.includes('SMC') && member.fitToTravel !== true ? 'stretcher' : 'bus';
  }
}

/** True when the member rides an ambulance, seated or lying. */
export function needsAmbulance(member: Pick<MemberFactsV1, 'needs' | 'fitToTravel' | 'travelMode'>): boolean {
  return travelPlaceOf(member) !== 'bus';
}

/**
 * Bus seat units (planner weights: infants free, children and adults one), stretcher places and seated
 * ambulance places. A member who travels by bus with a companion takes a whole seat even when an
 * infant's weight would be none: the companion (an adult of the family) holds their own seat beside them.
 */
export function travelNeedsOf(members: readonly MemberFactsV1[]): TravelNeeds {
  const travelling = members.map((member): TravellingMember => {
    const place = travelPlaceOf(member);
    return {
      memberId: member.memberId,
      age: member.age,
      isHead: member.isHead,
      ambulance: place !== 'bus',
      travelMode: member.travelMode ?? null,
      place,
    };
  });
  const onBus = travelling
    .filter((member) => member.place === 'bus')
    // An infant with a companion counts as a child: one whole seat.
    .map((member) => (member.travelMode === 'bus_with_companion' ? { age: Math.max(member.age, 2) } : member));
  return {
    members: travelling,
    seatUnits: seatUnitsOf(onBus),
    ambulancePlaces: travelling.filter((member) => member.place === 'stretcher').length,
    ambulanceSeats: travelling.filter((member) => member.place === 'ambulance_seat').length,
  };
}
