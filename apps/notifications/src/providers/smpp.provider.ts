import { Logger } from '@nestjs/common';
import smpp from 'smpp';
import { v7 as uuidv7 } from 'uuid';
import {
  ProviderError,
  timeLeft,
  type DeliveryReceipt,
  type OutgoingSms,
  type ProviderListener,
  type Reconciliation,
  type SendAccepted,
  type SendOptions,
  type SmsProvider,
} from './sms-provider.js';

export interface SmppSettings {
  url: string;
  systemId: string;
  password: string;
  sender: string;
  /** How long to wait for bind and submit answers. */
  timeoutMs?: number;
}

// SMPP 3.4 generic error status: the SMSC retries the deliver_sm.
const ESME_RSYSERR = 0x08;
const ESM_CLASS_TYPE = 0x3c;
const ESM_DELIVERY_RECEIPT = 0x04;
// SMSC answers that mean "not now": try again later.
const RETRYABLE_STATUSES = new Set([0x08 /* RSYSERR */, 0x14 /* RMSGQFUL */, 0x58 /* RTHROTTLED */, 0x64 /* RX_T_APPN */]);
// message_state TLV values (SMPP 5.0 §4.7.15).
const FINAL_STATES: Readonly<Record<number, DeliveryReceipt['status']>> = { 2: 'delivered', 3: 'failed', 5: 'failed', 8: 'failed' };

/** Reads a receipt's message id and final state, from TLVs or the classic "id:… stat:…" text. */
export function parseReceipt(pdu: smpp.PDU): { id: string; status: DeliveryReceipt['status'] | null; stat: string } | null {
  const text = messageText(pdu.short_message) || messageText(pdu.message_payload) || '';
  const tlvId = typeof pdu.receipted_message_id === 'string' ? pdu.receipted_message_id : undefined;
  const id = tlvId ?? /id:(\S+)/i.exec(text)?.[1];
  if (!id) return null;
  const stat = /stat:(\w+)/i.exec(text)?.[1]?.toUpperCase() ?? '';
  const state = typeof pdu.message_state === 'number' ? FINAL_STATES[pdu.message_state] : undefined;
  const status = state ?? (stat === 'DELIVRD' ? 'delivered' : ['UNDELIV', 'REJECTD', 'EXPIRED', 'DELETED'].includes(stat) ? 'failed' : null);
  return { id, status, stat };
}

export function messageText(field: unknown): string | undefined {
  if (typeof field === 'string') return field;
  if (Buffer.isBuffer(field)) return field.toString('latin1');
  if (field && typeof field === 'object' && 'message' in field) return messageText((field as { message: unknown }).message);
  return undefined;
}

/**
 * SMPP 3.4/5.0 provider (transceiver bind): submit_sm with a delivery receipt requested;
 * deliver_sm brings receipts and replies (STOP/START). SMPP has no idempotency key: see reconcile().
 */
export class SmppSmsProvider implements SmsProvider {
  readonly name = 'smpp';
  private readonly logger = new Logger(SmppSmsProvider.name);
  private session?: smpp.Session;
  private bound?: Promise<smpp.Session>;
  private listener?: ProviderListener;
  private stopped = false;

  constructor(private readonly settings: SmppSettings) {}

  async start(listener: ProviderListener): Promise<void> {
    this.listener = listener;
    // Bind in the background: the service starts while the SMSC is away, and binds on first send.
    this.ensureBound().catch((error: unknown) => this.logger.warn(`SMPP bind failed: ${(error as Error).message}`));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const session = this.session;
    this.session = undefined;
    this.bound = undefined;
    if (session) await new Promise<void>((resolve) => session.close(() => resolve()));
  }

  async send(sms: OutgoingSms, options?: SendOptions): Promise<SendAccepted> {
    const session = await this.ensureBound().catch((error: unknown) => {
      throw new ProviderError(`SMSC unavailable: ${(error as Error).message}`, true);
    });
    // Binding may have taken a while: never submit past the deadline (NotHandedOff).
    timeLeft(options);
    const destination = sms.to.replace(/^\+/, '');
    const alphanumeric = !/^\+?\d+$/.test(this.settings.sender);
    const body = sms.segments > 1 ? { message_payload: sms.text } : { short_message: sms.text };
    const pdu = await this.request((done) =>
      session.submit_sm(
        {
          source_addr: this.settings.sender,
          source_addr_ton: alphanumeric ? 5 : 1,
          source_addr_npi: alphanumeric ? 0 : 1,
          destination_addr: destination,
          dest_addr_ton: 1,
          dest_addr_npi: 1,
          registered_delivery: 1,
          ...body,
        },
        done,
      ),
    ).catch((error: unknown) => {
      // No answer: the SMSC may have taken it. Without idempotency, resending risks a duplicate.
      throw new ProviderError(`no submit_sm_resp (${(error as Error).message}); not resent`, false);
    });
    if (pdu.command_status !== 0) {
      throw new ProviderError(`SMSC refused with status 0x${pdu.command_status.toString(16)}`, RETRYABLE_STATUSES.has(pdu.command_status));
    }
    if (typeof pdu.message_id !== 'string' || pdu.message_id === '') throw new ProviderError('submit_sm_resp without message_id', false);
    return { providerMessageId: pdu.message_id };
  }

  // SMPP cannot ask "did you get message X?" by our id, nor dedupe a resend: at-most-once here
  // (a lost submit_sm_resp already failed the message in send(), see above).
  async reconcile(): Promise<Reconciliation> {
    return { outcome: 'unknown' };
  }

  private ensureBound(): Promise<smpp.Session> {
    if (this.stopped) return Promise.reject(new Error('provider stopped'));
    this.bound ??= this.bind().catch((error: unknown) => {
      this.bound = undefined;
      throw error;
    });
    return this.bound;
  }

  private async bind(): Promise<smpp.Session> {
    const session = smpp.connect({ url: this.settings.url, auto_enquire_link_period: 30_000 });
    session.on('error', (error: Error) => this.logger.warn(`SMPP session error: ${error.message}`));
    session.on('close', () => {
      if (this.session === session) {
        this.session = undefined;
        this.bound = undefined;
      }
    });
    // Answered after it is handled (receipt applied, reply committed): a failure answers ESME_RSYSERR so the
    // SMSC delivers it again instead of the family's reply being lost. A redelivered reply is harmless: the
    // conversation it answered is no longer open (kept for a case worker), a second STOP changes nothing.
    session.on('deliver_sm', (pdu: smpp.PDU) => {
      void this.onDeliver(pdu).then(
        () => session.send(pdu.response()),
        (error: unknown) => {
          this.logger.error(`deliver_sm not handled: ${(error as Error).message}`);
          session.send(pdu.response({ command_status: ESME_RSYSERR }));
        },
      );
    });
    const answer = await this.request((done) =>
      session.bind_transceiver({ system_id: this.settings.systemId, password: this.settings.password }, done),
    );
    if (answer.command_status !== 0) {
      session.destroy();
      throw new Error(`bind refused with status 0x${answer.command_status.toString(16)}`);
    }
    this.session = session;
    return session;
  }

  private async onDeliver(pdu: smpp.PDU): Promise<void> {
    if (!this.listener) return;
    const esmClass = typeof pdu.esm_class === 'number' ? pdu.esm_class : 0;
    if ((esmClass & ESM_CLASS_TYPE) === ESM_DELIVERY_RECEIPT) {
      const receipt = parseReceipt(pdu);
      if (!receipt?.status) return;
      await this.listener.onReceipt({ provider: this.name, providerMessageId: receipt.id, status: receipt.status, detail: receipt.stat });
      return;
    }
    const from = typeof pdu.source_addr === 'string' ? pdu.source_addr : '';
    const text = messageText(pdu.short_message) || messageText(pdu.message_payload) || '';
    // SMPP gives MO messages no id of their own.
    await this.listener.onInbound({ provider: this.name, providerMessageId: `smpp-${uuidv7()}`, from, text });
  }

  private request(call: (done: (pdu: smpp.PDU) => void) => void): Promise<smpp.PDU> {
    const timeoutMs = this.settings.timeoutMs ?? 15_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      call((pdu) => {
        clearTimeout(timer);
        resolve(pdu);
      });
    });
  }
}
