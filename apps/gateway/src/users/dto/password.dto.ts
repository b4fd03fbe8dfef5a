import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { DIGIT_STYLES, LOCALES, type DigitStyle, type Locale } from '../user.model.js';
import { PASSWORD_MAX_LENGTH } from '../passwords.js';

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @ApiProperty({ description: 'At least 12 characters, not the username, not a common password' })
  @IsString() @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword!: string;
}

export class PreferencesDto {
  @ApiProperty({ enum: LOCALES }) @IsIn(LOCALES)
  locale!: Locale;

  @ApiProperty({ enum: DIGIT_STYLES, description: 'latin: 0123456789; arabic: ٠١٢٣٤٥٦٧٨٩' }) @IsIn(DIGIT_STYLES)
  digits!: DigitStyle;
}
