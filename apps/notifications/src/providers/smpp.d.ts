// The parts of smpp@0.5.1 (CommonJS, no published types) that Awda uses.
declare module 'smpp' {
  import { EventEmitter } from 'node:events';
  import { Server as NetServer } from 'node:net';

  namespace smpp {
    type Params = Record<string, unknown>;
    interface PDU {
      command: string;
      command_status: number;
      sequence_number: number;
      [field: string]: unknown;
      response(options?: Params): PDU;
      isResponse(): boolean;
    }
    type ResponseCallback = (pdu: PDU) => void;
    interface Session extends EventEmitter {
      send(pdu: PDU, responseCallback?: ResponseCallback): boolean;
      close(callback?: () => void): void;
      destroy(callback?: () => void): void;
      pause(): void;
      resume(): void;
      bind_transceiver(options: Params, callback?: ResponseCallback): void;
      submit_sm(options: Params, callback?: ResponseCallback): void;
      deliver_sm(options: Params, callback?: ResponseCallback): void;
      unbind(options?: Params, callback?: ResponseCallback): void;
    }
    type Server = NetServer;
    function connect(options: { url: string; auto_enquire_link_period?: number }, listener?: () => void): Session;
    function createServer(sessionListener: (session: Session) => void): Server;
  }
  export = smpp;
}
