import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '@awda/auth';
import { RebuildService, type RebuildResult } from './rebuild.service.js';

export class RebuildResultDto implements RebuildResult {
  @ApiProperty({ description: 'Stream sequence the replay went up to' }) lastSequence!: number;
  @ApiProperty() eventsApplied!: number;
  @ApiProperty({ description: 'Events that broke their contract, left out as the live consumer does' }) eventsSkipped!: number;
  @ApiProperty() facts!: number;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class RebuildController {
  constructor(private readonly rebuilder: RebuildService) {}

  @Post('rebuild')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Empties the read model and replays the event stream from its first message (idempotent; 409 REPORTING.REBUILD_RUNNING while one runs). Answers when the replay is done.',
  })
  @ApiOkResponse({ type: RebuildResultDto })
  rebuild(): Promise<RebuildResultDto> {
    return this.rebuilder.rebuild();
  }
}
