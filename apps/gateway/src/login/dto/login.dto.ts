import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../../users/passwords.js';

export class LoginDto {
  @ApiProperty({ example: 'amina.k' }) @IsString() @MinLength(1, { message: '$property must not be empty' }) @MaxLength(256)
  username!: string;

  @ApiProperty() @IsString() @MinLength(1, { message: '$property must not be empty' }) @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}
