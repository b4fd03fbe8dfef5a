import { BaseRpcContext } from '@nestjs/microservices';
import type { JsMsg } from '@nats-io/jetstream';

type JetStreamContextArgs = [JsMsg, string, number];

/** Passed as @Ctx() to event handlers. */
export class JetStreamContext extends BaseRpcContext<JetStreamContextArgs> {
  getMessage(): JsMsg {
    return this.args[0];
  }
  /** Contract subject (without the namespace prefix). */
  getSubject(): string {
    return this.args[1];
  }
  /** 1 on first delivery. */
  getDeliveryCount(): number {
    return this.args[2];
  }
}
