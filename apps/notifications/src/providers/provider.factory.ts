import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { NotificationsConfig } from '../config.js';
import { InboundService } from '../inbound/inbound.service.js';
import { ReceiptsService } from '../inbound/receipts.service.js';
import { DevSmsProvider } from './dev.provider.js';
import { HttpSmsProvider } from './http.provider.js';
import { SMS_PROVIDER, type SmsProvider } from './sms-provider.js';
import { SmppSmsProvider } from './smpp.provider.js';

/** The provider SMS_PROVIDER names, with its settings (validated by NotificationsConfig). */
export function createSmsProvider(config: NotificationsConfig, dataSource: DataSource): SmsProvider {
  switch (config.SMS_PROVIDER) {
    case 'dev':
      return new DevSmsProvider(dataSource, config.SMS_DEV_OUTBOX_DIR);
    case 'http':
      return new HttpSmsProvider({
        baseUrl: config.SMS_HTTP_BASE_URL ?? '',
        account: config.SMS_HTTP_ACCOUNT ?? '',
        authToken: config.SMS_HTTP_AUTH_TOKEN ?? '',
        sender: config.SMS_SENDER,
        statusCallbackUrl: `${(config.SMS_PUBLIC_BASE_URL ?? '').replace(/\/$/, '')}/providers/http/status`,
        timeoutMs: config.SMS_HTTP_TIMEOUT_MS,
        idempotent: config.SMS_HTTP_PROVIDER_IDEMPOTENT,
        lookupGraceMs: config.SMS_HTTP_LOOKUP_GRACE_MS,
      });
    case 'smpp':
      return new SmppSmsProvider({
        url: config.SMS_SMPP_URL ?? '',
        systemId: config.SMS_SMPP_SYSTEM_ID ?? '',
        password: config.SMS_SMPP_PASSWORD ?? '',
        sender: config.SMS_SENDER,
      });
  }
}

/** Connects the provider's receipts and inbound SMS to the service, and closes it on shutdown. */
@Injectable()
export class ProviderLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider,
    private readonly receipts: ReceiptsService,
    private readonly inbound: InboundService,
  ) {}

  private started = false;

  async onApplicationBootstrap(): Promise<void> {
    // A hybrid Nest app (HTTP + JetStream) calls bootstrap hooks twice: start the provider once.
    if (this.started) return;
    this.started = true;
    await this.provider.start?.({
      onReceipt: (receipt) => this.receipts.onReceipt(receipt),
      onInbound: async (sms) => {
        await this.inbound.receive(sms);
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.provider.stop?.();
  }
}
