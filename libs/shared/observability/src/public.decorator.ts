import { SetMetadata } from '@nestjs/common';

/** Metadata key marking a route that needs no bearer token; @awda/auth's guard honours it. */
export const PUBLIC_ROUTE = 'awda:public-route';

/** Marks a controller or handler as reachable without a token (health, metrics). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
