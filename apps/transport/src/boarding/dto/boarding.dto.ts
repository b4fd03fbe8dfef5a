import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class CheckInDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() householdId!: string;
  @ApiProperty({ type: [String], description: 'Members present at the bus door.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(40)
  @IsUUID('all', { each: true })
  memberIds!: string[];
}

export class NoShowDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() householdId!: string;
  @ApiProperty({ example: 'Family did not come to the assembly point' }) @IsString() @MinLength(3) @MaxLength(200) reason!: string;
}
