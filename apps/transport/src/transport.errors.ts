import { ConflictError, DomainError, NotFoundError } from '@awda/bootstrap';

// Stable codes a logistics officer's screen can rely on; the sentence is for people.
export const TransportErrors = {
  convoyNotFound: () => new NotFoundError('TRANSPORT.CONVOY_NOT_FOUND', 'No such convoy in your camps.'),
  householdNotFound: () => new NotFoundError('TRANSPORT.HOUSEHOLD_NOT_FOUND', 'No such household in your camps.'),
  vehicleNotFound: () => new NotFoundError('TRANSPORT.VEHICLE_NOT_FOUND', 'No such vehicle in your camps.'),
  planNotFound: () => new NotFoundError('TRANSPORT.PLAN_NOT_FOUND', 'No such plan proposal in your camps.'),
  // A camp the caller names itself: saying "not found" would mislead (the camp exists, the token does not cover it).
  campNotAllowed: (campId: string) => new DomainError('TRANSPORT.CAMP_NOT_ALLOWED', `Your account does not give you access to camp ${campId}.`, 403),
  vehicleFull: (plate: string) =>
    new ConflictError('TRANSPORT.VEHICLE_FULL', `Vehicle ${plate} has no free seat left for this household.`),
  convoyFull: () => new ConflictError('TRANSPORT.CONVOY_FULL', 'No bus of this convoy has enough free seats for this household.'),
  noCargoSpace: () =>
    new ConflictError('TRANSPORT.NO_CARGO_SPACE', 'No cargo truck of this convoy has room for the household’s belongings.'),
  noAmbulancePlace: () =>
    new ConflictError('TRANSPORT.NO_AMBULANCE_PLACE', 'The household has a medical case and no ambulance place is free on this convoy.'),
  alreadyScheduled: () =>
    new ConflictError('TRANSPORT.HOUSEHOLD_ALREADY_SCHEDULED', 'This household already has a seat on a convoy; move it instead.'),
  notScheduled: () => new ConflictError('TRANSPORT.HOUSEHOLD_NOT_SCHEDULED', 'This household has no seat on a convoy.'),
  notOnThisConvoy: () => new ConflictError('TRANSPORT.HOUSEHOLD_NOT_ON_CONVOY', 'This household is not on this convoy.'),
  notEligible: () =>
    new DomainError('TRANSPORT.HOUSEHOLD_NOT_ELIGIBLE', 'This household is not eligible to travel (or has withdrawn), so it cannot be given a seat.', 422),
  destinationNotOnConvoy: (destination: string) =>
    new DomainError('TRANSPORT.DESTINATION_NOT_ON_CONVOY', `This convoy does not go to the household’s destination ${destination}.`, 422),
  destinationOffCorridor: (destination: string, corridorId: string) =>
    new DomainError('TRANSPORT.DESTINATION_OFF_CORRIDOR', `Destination ${destination} is not on the ${corridorId} corridor.`, 422),
  corridorUnknown: (corridorId: string) => new DomainError('TRANSPORT.CORRIDOR_UNKNOWN', `There is no corridor ${corridorId}.`, 422),
  convoyStatus: (status: string, action: string) =>
    new ConflictError('TRANSPORT.CONVOY_STATUS', `A ${status} convoy cannot ${action}.`, { status }),
  vehicleNotOnConvoy: () => new DomainError('TRANSPORT.VEHICLE_NOT_ON_CONVOY', 'That vehicle is not part of this convoy.', 422),
  vehicleNotABus: () => new DomainError('TRANSPORT.VEHICLE_NOT_A_BUS', 'People are seated on buses and minibuses only.', 422),
  vehicleUnavailable: (plate: string, date: string) =>
    new ConflictError('TRANSPORT.VEHICLE_UNAVAILABLE', `Vehicle ${plate} is not available on ${date} or already serves another convoy that day.`),
  plateTaken: () => new ConflictError('TRANSPORT.PLATE_TAKEN', 'A vehicle with this plate is already in the fleet.'),
  dateInPast: (date: string, today: string, timeZone: string) =>
    new DomainError(
      'TRANSPORT.DATE_IN_PAST',
      `The departure date ${date} is before today (${today} in ${timeZone}); choose today or a later date.`,
      422,
      { departureDate: date, today },
    ),
  planCommitted: () => new ConflictError('TRANSPORT.PLAN_ALREADY_COMMITTED', 'This plan was already committed.'),
  /**
   * The officer's edits to a proposal break a rule (applyPlanEdits): the first one's code
   * (TRANSPORT.PLAN_EDIT_UNKNOWN_FAMILY, _FAMILY_TWICE, _UNKNOWN_BUS, _OTHER_CONVOY, _NO_BUS_SEAT,
   * _BUS_FULL), its field in details.field, every one of them in details.errors.
   */
  planEditRefused: (errors: readonly { code: string; field: string; message: string }[]) => {
    const first = errors[0] ?? { code: 'UNKNOWN_FAMILY', field: '', message: 'The edits to this plan cannot be applied.' };
    return new DomainError(`TRANSPORT.PLAN_EDIT_${first.code}`, first.message, 422, { field: first.field, errors: errors.map((error) => ({ ...error })) });
  },
  planStale: (details: Record<string, unknown>) =>
    new ConflictError('TRANSPORT.PLAN_STALE', 'Households or vehicles changed since this plan was proposed; run the dry run again.', details),
  memberNotInHousehold: () =>
    new DomainError('TRANSPORT.MEMBER_NOT_IN_HOUSEHOLD', 'A checked-in member does not belong to this household.', 422),
  partlyBoarded: (householdIds: string[]) =>
    new ConflictError(
      'TRANSPORT.HOUSEHOLD_PARTLY_BOARDED',
      'Some families are only partly checked in. Check in the rest of the family or mark the whole family as a no-show: families are never split.',
      { householdIds },
    ),
  namesUnavailable: () =>
    new DomainError('TRANSPORT.NAMES_UNAVAILABLE', 'Names could not be fetched from registration; try again in a moment.', 503),
};
