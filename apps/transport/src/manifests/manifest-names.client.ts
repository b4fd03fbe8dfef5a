import { Injectable } from '@nestjs/common';
import { MANIFEST_NAMES_RPC_V1, type ManifestNamesReplyV1, type ManifestNamesRequestV1 } from '@awda/contracts';
import { RpcClient } from '@awda/messaging';

/** Asks registration for the names on a manifest, at the moment it is produced; names are never stored here. */
@Injectable()
export class ManifestNamesClient {
  constructor(private readonly rpc: RpcClient) {}

  request(payload: ManifestNamesRequestV1, timeoutMs = 5000): Promise<ManifestNamesReplyV1> {
    return this.rpc.request<ManifestNamesReplyV1>(MANIFEST_NAMES_RPC_V1, payload, timeoutMs);
  }
}
