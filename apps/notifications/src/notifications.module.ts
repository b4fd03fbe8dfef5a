import { Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AreasEvents } from './areas/areas.events.js';
import { AreasProjection } from './areas/areas.projection.js';
import { AreasRepository } from './areas/areas.repository.js';
import { CLOCK, systemClock, type Clock } from './clock.js';
import type { NotificationsConfig } from './config.js';
import { ConversationsController } from './conversations/conversations.controller.js';
import { ConversationReadsService } from './conversations/conversation-reads.service.js';
import { ConversationsRepository } from './conversations/conversations.repository.js';
import { ConversationsService } from './conversations/conversations.service.js';
import { ConversationsSweeper } from './conversations/conversations.sweeper.js';
import { SurveyService } from './conversations/survey.service.js';
import { Dispatcher } from './dispatch/dispatcher.service.js';
import { Reconciler } from './dispatch/reconciler.service.js';
import { RateLedgerRepository } from './dispatch/rate-ledger.repository.js';
import { RateLimiter } from './dispatch/rate-limiter.js';
import { InboundController } from './inbound/inbound.controller.js';
import { InboundRepository } from './inbound/inbound.repository.js';
import { InboundService } from './inbound/inbound.service.js';
import { ReceiptsService } from './inbound/receipts.service.js';
import { MessagesService } from './messages/messages.service.js';
import { ConvoysRepository } from './messages/convoys.repository.js';
import { MessageLogRepository } from './messages/message-log.repository.js';
import { MessageLogService } from './messages/message-log.service.js';
import { MessagesRepository } from './messages/messages.repository.js';
import { MessagesController } from './messages/messages.controller.js';
import { MessagesEvents } from './messages/messages.events.js';
import { ProviderLifecycle, createSmsProvider } from './providers/provider.factory.js';
import { SMS_PROVIDER, type SmsProvider } from './providers/sms-provider.js';
import { RecipientsRepository } from './recipients/recipients.repository.js';
import { ErasureEvents } from './privacy/erasure.events.js';
import { ErasureService } from './privacy/erasure.service.js';
import { ErasureRepository } from './privacy/erasure.repository.js';
import { KeyRotationController } from './privacy/key-rotation.controller.js';
import { KeyRotationRepository } from './privacy/key-rotation.repository.js';
import { NotificationsKeyRotation } from './privacy/key-rotation.service.js';
import { RetentionController } from './privacy/retention.controller.js';
import { RetentionRepository } from './privacy/retention.repository.js';
import { NotificationsRetention } from './privacy/retention.service.js';
import { TemplatesController } from './templates/templates.controller.js';
import { TemplatesRepository } from './templates/templates.repository.js';
import { TemplatesService } from './templates/templates.service.js';

/** What tests may swap: the provider (to script failures) and the clock (to cross quiet hours). */
export interface NotificationsOverrides {
  provider?: (dataSource: DataSource) => SmsProvider;
  clock?: Clock;
}

/**
 * The notifications features. One module: recipients, messages, dispatch, inbound and templates
 * share the message store and the provider, so splitting them would only add re-exports.
 */
@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsConfig, overrides: NotificationsOverrides = {}): DynamicModule {
    return {
      module: NotificationsModule,
      controllers: [MessagesEvents, AreasEvents, MessagesController, TemplatesController, InboundController, ConversationsController, ErasureEvents, RetentionController, KeyRotationController],
      providers: [
        { provide: CLOCK, useValue: overrides.clock ?? systemClock },
        {
          provide: SMS_PROVIDER,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => overrides.provider?.(dataSource) ?? createSmsProvider(config, dataSource),
        },
        RecipientsRepository,
        AreasProjection,
        MessagesRepository,
        MessagesService,
        MessageLogService,
        MessageLogRepository,
        ConvoysRepository,
        AreasRepository,
        InboundRepository,
        TemplatesRepository,
        TemplatesService,
        RateLimiter,
        RateLedgerRepository,
        ReceiptsService,
        ConversationsRepository,
        ConversationsService,
        ConversationReadsService,
        ConversationsSweeper,
        SurveyService,
        InboundService,
        Dispatcher,
        Reconciler,
        ProviderLifecycle,
        ErasureService,
        NotificationsRetention,
        NotificationsKeyRotation,
        ErasureRepository,
        RetentionRepository,
        KeyRotationRepository,
      ],
      exports: [Dispatcher, ConversationsSweeper, SMS_PROVIDER, CLOCK],
    };
  }
}
