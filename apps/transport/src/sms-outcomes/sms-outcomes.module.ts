import { Module } from '@nestjs/common';
import { SmsOutcomesEvents } from './sms-outcomes.events.js';
import { TravelMessagesProjection } from './travel-messages.projection.js';
import { TravelMessagesRepository } from './travel-messages.repository.js';

/** Whether each family was told of its seat by SMS, projected from notifications' status changes. */
@Module({ controllers: [SmsOutcomesEvents], providers: [TravelMessagesRepository, TravelMessagesProjection], exports: [TravelMessagesRepository] })
export class SmsOutcomesModule {}
