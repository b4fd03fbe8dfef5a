// class-transformer's @Type reads design:type with Reflect.getMetadata while this module is evaluated: the
// polyfill must be loaded by this module itself, not left to whichever entry point happened to load it first.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';

/**
 * Request/reply over core NATS (not the event stream). Transport asks registration for the
 * names on a manifest at the moment it is printed; registration checks the camps and audits.
 * RPC subjects live under `awda-rpc.`, outside the event stream's `awda.>`: a subject inside it
 * would be stored by JetStream (which would answer the request with a PubAck).
 */
export const RPC_SUBJECT_ROOT = 'awda-rpc';
export const MANIFEST_NAMES_RPC_V1 = 'awda-rpc.registration.manifest-names.v1';

export class RpcCallerV1 {
  @IsString() @MaxLength(128) sub!: string;
  @IsArray() @IsString({ each: true }) roles!: string[];
  @IsArray() @IsString({ each: true }) camps!: string[];
}

export class ManifestNamesRequestV1 {
  @ValidateNested() @Type(() => RpcCallerV1) caller!: RpcCallerV1;
  @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true }) householdIds!: string[];
  @IsIn(['manifest']) purpose!: 'manifest';
}

export interface ManifestMemberNameV1 {
  memberId: string;
  fullNameAr: string;
  fullNameLatin: string | null;
  isHead: boolean;
}

export interface ManifestNamesReplyV1 {
  households: { householdId: string; caseNumber: string; members: ManifestMemberNameV1[] }[];
  /** Households the caller may not see or that do not exist: their names are not returned. */
  refused: string[];
}
