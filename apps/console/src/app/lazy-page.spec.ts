// Pages loaded at boot render without suspending once their module is there (lazy-page.ts).
import { describe, expect, it } from '@jest/globals';
import type { ReactElement } from 'react';
import { lazyPage } from './lazy-page';

const LAZY = Symbol.for('react.lazy');

function Real() {
  return null;
}

const typeOf = (element: unknown) => (element as ReactElement).type as unknown as { $$typeof?: symbol };

describe('lazyPage', () => {
  it('should render through React.lazy until the module is loaded, then the component itself', async () => {
    let loads = 0;
    const Page = lazyPage(() => {
      loads++;
      return Promise.resolve({ default: Real });
    });
    expect(typeOf(Page({})).$$typeof).toBe(LAZY);
    await Page.preload();
    expect(typeOf(Page({}))).toBe(Real);
    await Page.preload();
    expect(loads).toBe(1);
  });

  it('should load again after a failed load', async () => {
    let loads = 0;
    const Page = lazyPage(() => {
      loads++;
      return loads === 1 ? Promise.reject<{ default: typeof Real }>(new Error('offline')) : Promise.resolve({ default: Real });
    });
    await expect(Page.preload()).rejects.toThrow('offline');
    expect(typeOf(Page({})).$$typeof).toBe(LAZY);
    await Page.preload();
    expect(loads).toBe(2);
    expect(typeOf(Page({}))).toBe(Real);
  });
});
