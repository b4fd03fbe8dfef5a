import { Body, Controller, Headers, HttpCode, Inject, Post, UnauthorizedException } from '@nestjs/common';
import { ApiConsumes, ApiOperation } from '@nestjs/swagger';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '@awda/auth';
import { RateLimit } from '@awda/bootstrap';
import { NotificationsConfig } from '../config.js';
import { HTTP_RECEIPT_STATUSES } from '../providers/http.provider.js';
import { isValidTwilioSignature } from '../providers/twilio-signature.js';
import { InboundService, type InboundOutcome } from './inbound.service.js';
import { ReceiptsService } from './receipts.service.js';

type FormBody = Record<string, string>;

function sameSecret(a: string, b: string | undefined): boolean {
  const given = Buffer.from(b ?? '');
  const expected = Buffer.from(a);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Provider webhooks: inbound SMS (STOP/START) and delivery status callbacks. Signed, not bearer-authenticated. */
@Controller()
@Public()
// Providers post forms (Twilio) or JSON (the development provider, tests).
@ApiConsumes('application/x-www-form-urlencoded', 'application/json')
export class InboundController {
  constructor(
    private readonly inbound: InboundService,
    private readonly receipts: ReceiptsService,
    @Inject(NotificationsConfig) private readonly config: NotificationsConfig,
  ) {}

  @Post('inbound/sms')
  @ApiOperation({ summary: 'SMS from families (STOP/START in Arabic, Kurdish, English; replies): the provider’s webhook, signed (Twilio) or with X-Awda-Inbound-Token' })
  @RateLimit({ key: 'sms-inbound', windowSeconds: 60 })
  @HttpCode(200)
  async inboundSms(@Body() body: FormBody, @Headers() headers: Record<string, string | undefined>): Promise<InboundOutcome> {
    this.authenticate('/inbound/sms', body, headers);
    const provider = this.config.SMS_PROVIDER;
    return this.inbound.receive({
      provider,
      providerMessageId: String(body['MessageSid'] ?? body['messageId'] ?? ''),
      from: String(body['From'] ?? body['from'] ?? ''),
      text: String(body['Body'] ?? body['text'] ?? ''),
    });
  }

  @Post('providers/http/status')
  @ApiOperation({ summary: 'Delivery receipts of the http provider (Twilio-style, signed)' })
  @HttpCode(204)
  async status(@Body() body: FormBody, @Headers() headers: Record<string, string | undefined>): Promise<void> {
    this.authenticate('/providers/http/status', body, headers);
    const status = HTTP_RECEIPT_STATUSES[String(body['MessageStatus'] ?? '')];
    const sid = String(body['MessageSid'] ?? '');
    if (!status || !sid) return;
    await this.receipts.onReceipt({ provider: 'http', providerMessageId: sid, status, detail: String(body['ErrorCode'] ?? body['MessageStatus']) });
  }

  private authenticate(path: string, body: FormBody, headers: Record<string, string | undefined>): void {
    const ok =
      this.config.SMS_PROVIDER === 'http'
        ? isValidTwilioSignature(
            this.config.SMS_HTTP_AUTH_TOKEN ?? '',
            `${(this.config.SMS_PUBLIC_BASE_URL ?? '').replace(/\/$/, '')}${path}`,
            Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)])),
            headers['x-twilio-signature'],
          )
        : sameSecret(this.config.SMS_INBOUND_TOKEN, headers['x-awda-inbound-token']);
    if (!ok) throw new UnauthorizedException('The request signature is missing or wrong.');
  }
}
