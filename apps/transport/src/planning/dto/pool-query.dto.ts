import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CAMP_ID_PATTERN } from '@awda/contracts';

export class PoolQueryDto {
  @ApiProperty({ example: 'mahmoudli' }) @Matches(CAMP_ID_PATTERN) campId!: string;
}
