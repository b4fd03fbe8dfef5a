import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  SEAT_CONFIRMED_V1,
  SEAT_DECLINED_V1,
  SEAT_UNANSWERED_V1,
  type EventEnvelope,
  type SeatConfirmedV1,
  type SeatDeclinedV1,
  type SeatUnansweredV1,
} from '@awda/contracts';
import { SeatRepliesService } from './seat-replies.service.js';

/** Notifications' seat replies (two-way SMS), applied once each through the inbox. */
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
