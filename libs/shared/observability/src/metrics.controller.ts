import { Controller, Get, Header } from '@nestjs/common';
import { metricsRegistry } from './metrics.js';
import { Public } from './public.decorator.js';

/** Prometheus scrape endpoint; public so the scraper needs no token (keep it off the public ingress). */
@Controller()
export class MetricsController {
  @Public()
  @Get('metrics')
  @Header('Content-Type', metricsRegistry.contentType)
  @Header('Cache-Control', 'no-store')
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
