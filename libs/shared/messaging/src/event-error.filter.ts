import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest's default RPC filter turns every handler error into "Internal server error". Event
 * handlers need the real error to decide retry vs dead-letter and to record it, so this filter
 * hands the original error back to the JetStream transport, which logs and records it.
 */
@Catch()
export class EventErrorPassThroughFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    void host;
    return throwError(() => exception);
  }
}
