import type { IncomingMessage } from 'node:http';
import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { noSession } from './session.errors.js';
import type { ActiveSession } from './sessions.service.js';

/** A request as the gateway sees it after the session check. */
export interface GatewayRequest extends IncomingMessage {
  ip?: string;
  awdaSession?: ActiveSession;
}

export const BEFORE_PASSWORD_CHANGE = 'awda:before-password-change';

/** A route a user who must change their password may still use (session, password, sign-out). */
export const AllowBeforePasswordChange = (): MethodDecorator & ClassDecorator => SetMetadata(BEFORE_PASSWORD_CHANGE, true);

/** The signed-in session of a handler that is not @Public(). */
export const CurrentSession = createParamDecorator((_data: unknown, context: ExecutionContext): ActiveSession => {
  const session = context.switchToHttp().getRequest<GatewayRequest>().awdaSession;
  if (session === undefined) throw noSession();
  return session;
});

/** The client's address as Express computed it (TRUST_PROXY decides whether X-Forwarded-For counts). */
export function clientIp(request: GatewayRequest): string | undefined {
  return request.ip ?? request.socket.remoteAddress ?? undefined;
}
