import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '@awda/auth';
import { CAMP_ID_PATTERN } from '@awda/contracts';
import { LOCALES, type Locale } from '../user.model.js';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/i;
/** A camp id, or '*' for every camp. */
export const CAMP_OR_ALL = new RegExp(`${CAMP_ID_PATTERN.source}|^\\*$`);

export class CreateUserDto {
  @ApiProperty({ example: 'amina.k', description: '2–64 letters, digits, ".", "_" or "-"; not case-sensitive' })
  @Matches(USERNAME_PATTERN, { message: '$property must be 2–64 letters, digits, ".", "_" or "-", starting with a letter or digit' })
  username!: string;

  @ApiProperty({ example: 'Amina K.' })
  @IsString() @MinLength(1, { message: '$property must not be empty' }) @MaxLength(100)
  displayName!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @ArrayMinSize(1, { message: '$property must name at least one role' }) @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `each of $property must be one of ${ROLES.join(', ')}` })
  roles!: Role[];

  @ApiProperty({ example: ['mahmoudli'], description: "Camp ids, or ['*'] for every camp" })
  @ArrayMinSize(1, { message: '$property must name at least one camp (or "*")' }) @ArrayMaxSize(200) @ArrayUnique()
  @Matches(CAMP_OR_ALL, { each: true, message: 'each of $property must be a camp id or "*"' })
  camps!: string[];

  @ApiPropertyOptional({ enum: LOCALES, default: 'ar' })
  @IsOptional() @IsIn(LOCALES)
  locale?: Locale;
}
