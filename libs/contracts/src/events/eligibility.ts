// class-transformer's @Type reads design:type with Reflect.getMetadata while this module is evaluated: the
// polyfill must be loaded by this module itself, not left to whichever entry point happened to load it first.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AREA_CODE_PATTERN,
  AREA_STATUSES,
  ASSESSMENT_STATUSES,
  CAMP_ID_PATTERN,
  type AreaStatus,
  type AssessmentStatus,
} from '../common.js';

export const HOUSEHOLD_ASSESSED_V1 = 'awda.eligibility.household.assessed.v1';
export const AREA_STATUS_CHANGED_V1 = 'awda.eligibility.area.status-changed.v1';

/** One failed rule, as a code with parameters; texts are rendered by whoever shows them. */
export class AssessmentReasonV1 {
  @IsString() @MaxLength(64) ruleId!: string;
  @IsString() @MaxLength(64) code!: string;
  @IsObject() params!: Record<string, string | number>;
  /** 'pending' (the family can still fix it) or 'ineligible'. */
  @IsIn(['pending', 'ineligible']) outcome!: 'pending' | 'ineligible';
}

/** What a priority score is made of: the part that does not change with time, and the waiting rule. */
export class PriorityBasisV1 {
  /** Points for the household's needs: everything in the score but waiting time. */
  @IsNumber() needPoints!: number;
  /** The registration date waiting time is counted from. */
  @IsISO8601() waitingSince!: string;
  /** Points per full calendar month of waiting. */
  @IsNumber() @Min(0) pointsPerWaitingMonth!: number;
  /** Months beyond this add nothing. */
  @IsInt() @Min(0) maxWaitingMonths!: number;
}

export class HouseholdAssessedV1 {
  @IsUUID() householdId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsIn(ASSESSMENT_STATUSES) status!: AssessmentStatus;
  @IsArray() @ValidateNested({ each: true }) @Type(() => AssessmentReasonV1) reasons!: AssessmentReasonV1[];
  /** Higher travels first. */
  @IsNumber() priority!: number;
  @IsInt() @Min(1) ruleSetVersion!: number;
  /** Household snapshot version the assessment was made on. */
  @IsInt() @Min(1) householdVersion!: number;
  /** Increases with every published assessment of this household; consumers drop older ones. */
  @IsInt() @Min(1) assessmentVersion!: number;
  @Matches(AREA_CODE_PATTERN) destinationArea!: string;
  @IsOptional() @IsIn(['eligible', 'ineligible']) override!: 'eligible' | 'ineligible' | null;
  @IsISO8601() assessedAt!: string;
  /** Optional (absent from older producers): lets the planner count waiting time up to the day it plans; `priority` counts it to `assessedAt`. */
  @IsOptional() @ValidateNested() @Type(() => PriorityBasisV1) priorityBasis?: PriorityBasisV1;
}

export class AreaStatusChangedV1 {
  @Matches(AREA_CODE_PATTERN) areaCode!: string;
  @IsIn(AREA_STATUSES) status!: AreaStatus;
  @IsIn(AREA_STATUSES) previousStatus!: AreaStatus;
  @IsOptional() @IsString() @MaxLength(500) reason!: string | null;
  @IsISO8601() effectiveFrom!: string;
  @IsInt() @Min(1) version!: number;
}
