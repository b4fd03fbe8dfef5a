import { Module } from '@nestjs/common';
import { FactsModule } from '../facts/facts.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

@Module({
  imports: [FactsModule],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
