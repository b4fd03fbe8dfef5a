import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Roles } from '@awda/auth';
import { NotificationsKeyRotation } from './key-rotation.service.js';

export class RotateFieldKeyDto {
  @ApiPropertyOptional({ default: 500, maximum: 10000, description: 'Values re-encrypted in this call (each batch commits)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  batchSize?: number;
}

export class NotificationsRotationView {
  @ApiProperty() activeKeyId!: string;
  @ApiProperty({ description: 'Values re-encrypted with the active field key by this call' }) reencrypted!: number;
  @ApiProperty({ description: 'Phones, reply texts and flag notes still encrypted with another field key' }) remaining!: number;
  @ApiProperty() total!: number;
}

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy/key-rotation')
@Roles('admin')
export class KeyRotationController {
  constructor(private readonly rotation: NotificationsKeyRotation) {}

  @Get()
  @ApiOperation({ summary: "Key rotation progress: notifications' phones and texts encrypted with the active field key and with older ones" })
  progress(): Promise<NotificationsRotationView> {
    return this.rotation.progress();
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-encrypt phones, reply texts and flag notes with the active field key; call again until remaining is 0' })
  rotate(@Body() dto: RotateFieldKeyDto): Promise<NotificationsRotationView> {
    return this.rotation.rotate(dto.batchSize ?? 500);
  }
}
