import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';

export class UserNamesQueryDto {
  @ApiProperty({ description: 'User ids (token subjects), comma-separated, at most 100', example: '0190f0c4-8d3e-7a4b-9c1d-2e3f4a5b6c7d' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter((id) => id !== '') : value))
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsUUID('all', { each: true, message: 'each of $property must be a user id (UUID)' })
  ids!: string[];
}
