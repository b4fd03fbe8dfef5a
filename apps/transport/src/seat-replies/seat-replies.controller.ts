import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import {
  SEAT_CONFIRMED_V1,
  SEAT_DECLINED_V1,
  SEAT_UNANSWERED_V1,
  type EventEnvelope,
  type SeatConfirmedV1,
  type SeatDeclinedV1,
  type SeatUnansweredV1,
} from '@awda/contracts';
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

@Controller()
export class SeatRepliesEvents {
  constructor(private readonly seats: SeatRepliesService) {}

  @EventPattern<string>(SEAT_CONFIRMED_V1)
  onConfirmed(@Payload() event: EventEnvelope<SeatConfirmedV1>): Promise<void> {
    return this.seats.confirmed(event);
  }

  @EventPattern<string>(SEAT_DECLINED_V1)
  onDeclined(@Payload() event: EventEnvelope<SeatDeclinedV1>): Promise<void> {
    return this.seats.declined(event);
  }

  @EventPattern<string>(SEAT_UNANSWERED_V1)
  onUnanswered(@Payload() event: EventEnvelope<SeatUnansweredV1>): Promise<void> {
    return this.seats.unanswered(event);
  }
}
