import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { LANGUAGES, TEMPLATE_KEYS } from '@awda/sms-text';

export class SetTemplateDto {
  @ApiProperty({ description: 'Text with {placeholders}; every required variable must appear.' })
  @IsString() @MinLength(1) @MaxLength(1000)
  text!: string;
}

export class PreviewTemplateDto {
  @ApiProperty({ enum: TEMPLATE_KEYS }) @IsIn(TEMPLATE_KEYS)
  template!: string;

  @ApiProperty({ enum: LANGUAGES }) @IsIn(LANGUAGES)
  language!: string;

  @ApiPropertyOptional({ description: 'A draft text to preview instead of the saved one.' })
  @IsOptional() @IsString() @MaxLength(1000)
  text?: string;
}
