// Which addresses get preload links, and with which id (UUIDs only: nothing else goes into a URL).
import { describe, expect, it } from '@jest/globals';
import { routePreloadFor } from './route-preloads';

const ID = '01a24c75-79b0-718f-8a27-151199727d2c';

describe('route preloads', () => {
  it('should find the household page with its id, and the register page before the id pattern', () => {
    expect(routePreloadFor(`/households/${ID}`)).toMatchObject({ route: { path: '/households/:id' }, id: ID });
    expect(routePreloadFor(`/households/${ID}/`)?.id).toBe(ID);
    expect(routePreloadFor('/households/new')).toMatchObject({ route: { path: '/households/new' }, id: undefined });
    expect(routePreloadFor('/households')?.route.path).toBe('/households');
    expect(routePreloadFor('/')?.route.path).toBe('/');
  });

  it('should give nothing for an address it does not list or an id that is not a UUID', () => {
    expect(routePreloadFor('/households/12345')).toBeUndefined();
    expect(routePreloadFor(`/households/${ID}/edit`)).toBeUndefined();
    expect(routePreloadFor('/duplicates')).toBeUndefined();
  });
});
