import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class EraseHouseholdDto {
  @ApiProperty({ description: 'Why the household is erased (kept in the audit; name no person here)', minLength: 5, maxLength: 500 })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason!: string;
}

export class ErasureView {
  @ApiProperty() householdId!: string;
  @ApiProperty() campId!: string;
  @ApiProperty() erasedAt!: string;
  @ApiProperty() erasedBy!: string;
  @ApiProperty({ enum: ['request', 'retention'] }) source!: 'request' | 'retention';
}
