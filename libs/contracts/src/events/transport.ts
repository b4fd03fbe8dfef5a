// class-transformer's @Type reads design:type with Reflect.getMetadata while this module is evaluated: the
// polyfill must be loaded by this module itself, not left to whichever entry point happened to load it first.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AREA_CODE_PATTERN, CAMP_ID_PATTERN, LOCAL_DATE_PATTERN, LOCAL_TIME_PATTERN } from '../common.js';

export const HOUSEHOLD_SCHEDULED_V1 = 'awda.transport.household.scheduled.v1';
export const HOUSEHOLD_UNSCHEDULED_V1 = 'awda.transport.household.unscheduled.v1';
export const CONVOY_CONFIRMED_V1 = 'awda.transport.convoy.confirmed.v1';
export const CONVOY_DEPARTED_V1 = 'awda.transport.convoy.departed.v1';
export const CONVOY_ARRIVED_V1 = 'awda.transport.convoy.arrived.v1';
export const CONVOY_CANCELLED_V1 = 'awda.transport.convoy.cancelled.v1';
export const CORRIDORS_PUBLISHED_V1 = 'awda.transport.corridors.published.v1';

/** The assembly point in each language the camp wrote it in; a message falls back to `assemblyPoint`. */
export class AssemblyPointTextsV1 {
  @IsOptional() @IsString() @MaxLength(200) ar?: string;
  @IsOptional() @IsString() @MaxLength(200) ckb?: string;
  @IsOptional() @IsString() @MaxLength(200) kmr?: string;
  @IsOptional() @IsString() @MaxLength(200) en?: string;
}

export class HouseholdScheduledV1 {
  @IsUUID() householdId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsUUID() convoyId!: string;
  @Matches(LOCAL_DATE_PATTERN) departureDate!: string;
  @Matches(LOCAL_TIME_PATTERN) departureTime!: string;
  @IsString() @MaxLength(200) assemblyPoint!: string;
  /** Per-language texts of the assembly point (absent from older producers). */
  @IsOptional() @ValidateNested() @Type(() => AssemblyPointTextsV1) assemblyPointTexts?: AssemblyPointTextsV1;
  /** The departure as an instant (the camp's local date and time resolved in its zone): travel messages expire at it. Absent from older producers. */
  @IsOptional() @IsISO8601() departsAt?: string;
  @Matches(AREA_CODE_PATTERN) destinationArea!: string;
  /** Increases with every scheduling change of this household; consumers drop older ones. */
  @IsInt() @Min(1) scheduleVersion!: number;
}

export class HouseholdUnscheduledV1 {
  @IsUUID() householdId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsUUID() convoyId!: string;
  /** e.g. no_longer_eligible, withdrawn, no_show, convoy_cancelled, manual, size_changed */
  @IsString() @MaxLength(64) reason!: string;
  @IsInt() @Min(1) scheduleVersion!: number;
  /** The departure the household is taken off, as an instant. Absent from older producers. */
  @IsOptional() @IsISO8601() departsAt?: string;
}

export class ConvoyConfirmedV1 {
  @IsUUID() convoyId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @Matches(LOCAL_DATE_PATTERN) departureDate!: string;
  @Matches(LOCAL_TIME_PATTERN) departureTime!: string;
  @IsString() @MaxLength(200) assemblyPoint!: string;
  @IsOptional() @ValidateNested() @Type(() => AssemblyPointTextsV1) assemblyPointTexts?: AssemblyPointTextsV1;
  @IsOptional() @IsISO8601() departsAt?: string;
  @IsArray() @Matches(AREA_CODE_PATTERN, { each: true }) destinations!: string[];
  @IsArray() @IsUUID('all', { each: true }) householdIds!: string[];
}

export class BoardedHouseholdV1 {
  @IsUUID() householdId!: string;
  @IsArray() @IsUUID('all', { each: true }) memberIds!: string[];
}

export class NoShowV1 {
  @IsUUID() householdId!: string;
  @IsString() @MaxLength(200) reason!: string;
}

export class ConvoyDepartedV1 {
  @IsUUID() convoyId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsISO8601() departedAt!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => BoardedHouseholdV1) boarded!: BoardedHouseholdV1[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => NoShowV1) noShows!: NoShowV1[];
}

export class ConvoyArrivedV1 {
  @IsUUID() convoyId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsISO8601() arrivedAt!: string;
  @IsArray() @IsUUID('all', { each: true }) householdIds!: string[];
}

export class ConvoyCancelledV1 {
  @IsUUID() convoyId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsString() @MaxLength(500) reason!: string;
  @IsArray() @IsUUID('all', { each: true }) householdIds!: string[];
  /** The cancelled departure as an instant: a message about it is pointless afterwards. Absent from older producers. */
  @IsOptional() @IsISO8601() departsAt?: string;
}

/** A road corridor convoys travel, with the areas it serves at any level (a governorate covers all of it). */
export class CorridorV1 {
  @IsString() @MaxLength(64) id!: string;
  @IsString() @MaxLength(200) name!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @Matches(AREA_CODE_PATTERN, { each: true }) areaCodes!: string[];
}

/**
 * Every corridor transport plans on, sent when the list changes (a start after a migration that edits
 * it). A newer list replaces the older one whole: a destination no corridor reaches has no road yet.
 */
export class CorridorsPublishedV1 {
  @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => CorridorV1) corridors!: CorridorV1[];
  @IsISO8601() publishedAt!: string;
}
