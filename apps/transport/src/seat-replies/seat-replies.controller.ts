import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { NoAnswerPolicyDto, NoAnswerPolicyViewDto } from './dto/no-answer-policy.dto.js';
import { SeatRepliesService } from './seat-replies.service.js';

@ApiTags('convoys')
@ApiBearerAuth()
@Controller()
export class SeatRepliesController {
  constructor(private readonly seats: SeatRepliesService) {}

  @Put('convoys/:convoyId/no-answer-policy')
  @Roles('logistics', 'admin')
  @ApiOperation({ summary: 'What a seat nobody confirmed by SMS becomes at the deadline: keep_and_flag (default) or release to the waiting list' })
  @ApiOkResponse({ type: NoAnswerPolicyViewDto })
  setPolicy(@CurrentUser() user: AuthUser, @Param('convoyId', ParseUUIDPipe) convoyId: string, @Body() dto: NoAnswerPolicyDto): Promise<NoAnswerPolicyViewDto> {
    return this.seats.setPolicy(user, convoyId, dto.policy);
  }
}
