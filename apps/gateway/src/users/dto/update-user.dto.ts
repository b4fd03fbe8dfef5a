import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '@awda/auth';
import { CAMP_OR_ALL } from './create-user.dto.js';

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional() @IsString() @MinLength(1, { message: '$property must not be empty' }) @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional() @ArrayMinSize(1, { message: '$property must name at least one role' }) @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `each of $property must be one of ${ROLES.join(', ')}` })
  roles?: Role[];

  @ApiPropertyOptional({ example: ['mahmoudli'] })
  @IsOptional() @ArrayMinSize(1, { message: '$property must name at least one camp (or "*")' }) @ArrayMaxSize(200) @ArrayUnique()
  @Matches(CAMP_OR_ALL, { each: true, message: 'each of $property must be a camp id or "*"' })
  camps?: string[];

  @ApiPropertyOptional({ description: 'true ends every session of the user at once' })
  @IsOptional() @IsBoolean()
  disabled?: boolean;
}
