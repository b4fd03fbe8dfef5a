import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@awda/auth';
import { NotificationsRetention, type NotificationsRetentionReport } from './retention.service.js';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy/retention')
@Roles('admin')
export class RetentionController {
  constructor(private readonly retention: NotificationsRetention) {}

  @Get()
  @ApiOperation({ summary: 'Retention dry run: dev SMS outbox messages and delivery receipts the next run would delete' })
  dryRun(): Promise<NotificationsRetentionReport> {
    return this.retention.run(true);
  }

  @Post('run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run retention now (as the scheduled job does)' })
  run(): Promise<NotificationsRetentionReport> {
    return this.retention.run(false);
  }
}
