import { Module } from '@nestjs/common';
import { ErasureEvents } from './erasure.events.js';
import { ErasureService } from './erasure.service.js';

@Module({ controllers: [ErasureEvents], providers: [ErasureService] })
export class PrivacyModule {}
