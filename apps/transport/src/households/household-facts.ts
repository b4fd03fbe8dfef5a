// What transport needs of a household, worked out from the registration snapshot. Pure.
import type { MemberFactsV1 } from '@awda/contracts';
import { seatUnitsOf } from '@awda/convoy-planner';

export interface TravellingMember {
  memberId: string;
  age: number;
  isHead: boolean;
  /** Rides an ambulance instead of a bus seat. */
  ambulance: boolean;
}

export interface TravelNeeds {
  members: TravellingMember[];
  seatUnits: number;
  ambulancePlaces: number;
}

/**
 * A member rides an ambulance when they have a serious medical condition (SMC) and are not recorded
 * as fit to travel by bus (fitToTravel false or not yet assessed): when unsure, the safer seat.
 */
export function needsAmbulance(member: Pick<MemberFactsV1, 'needs' | 'fitToTravel'>): boolean {
  return member.needs.includes('SMC') && member.fitToTravel !== true;
}

/** Bus seat units (planner weights: infants free, children and adults one) and ambulance places. */
export function travelNeedsOf(members: readonly MemberFactsV1[]): TravelNeeds {
  const travelling = members.map((member) => ({
    memberId: member.memberId,
    age: member.age,
    isHead: member.isHead,
    ambulance: needsAmbulance(member),
  }));
  const onBus = travelling.filter((member) => !member.ambulance);
  return {
    members: travelling,
    seatUnits: seatUnitsOf(onBus),
    ambulancePlaces: travelling.length - onBus.length,
  };
}
