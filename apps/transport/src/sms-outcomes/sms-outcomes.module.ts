import { Module } from '@nestjs/common';
import { TravelMessagesEvents } from './travel-messages.events.js';
import { TravelMessagesProjection } from './travel-messages.projection.js';

/** Whether each family was told of its seat by SMS, projected from notifications' status changes. */
@Module({ controllers: [TravelMessagesEvents], providers: [TravelMessagesProjection] })
export class SmsOutcomesModule {}
