import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MANIFEST_NAMES_RPC_V1, type ManifestNamesReplyV1 } from '@awda/contracts';
import { ManifestNamesService } from './manifest-names.service.js';

@Controller()
export class ManifestNamesEvents {
  constructor(private readonly names: ManifestNamesService) {}

  @MessagePattern<string>(MANIFEST_NAMES_RPC_V1)
  onManifestNames(@Payload() request: unknown): Promise<ManifestNamesReplyV1> {
    return this.names.answer(request);
  }
}
