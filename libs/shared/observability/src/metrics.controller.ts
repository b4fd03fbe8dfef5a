import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { metricsRegistry } from './metrics.js';
import { Public } from './public.decorator.js';

/** Prometheus scrape endpoint; public so the scraper needs no token (keep it off the public ingress). */
@Controller()
export class MetricsController {
  @Public()
  @Get('metrics')
  @ApiOperation({ summary: 'Prometheus metrics of this process (no token; keep it off the public ingress)' })
  @Header('Content-Type', metricsRegistry.contentType)
  @Header('Cache-Control', 'no-store')
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
