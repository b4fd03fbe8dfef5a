// Pages loaded at boot render without suspending once their module is there (lazy-page.ts).
import { describe, expect, it } from '@jest/globals';
import { Suspense, type ReactElement } from 'react';
import { lazyPage } from './lazy-page';

const LAZY = Symbol.for('react.lazy');

function Real() {
  return null;
}

type Mounted = { render(): ReactElement };
const mount = (Page: unknown) => new (Page as new (props: object) => Mounted)({});
/** The page element a mounted page renders, inside its own Suspense boundary if it has one. */
const pageOf = (mounted: Mounted): ReactElement => {
  const element = mounted.render();
  return element.type === Suspense ? ((element.props as { children: ReactElement }).children) : element;
};
/** What a page mounted now renders (the class is what React would instantiate at mount). */
const typeOf = (Page: unknown) => pageOf(mount(Page)).type as unknown as { $$typeof?: symbol };

describe('lazyPage', () => {
  it('should render through React.lazy until the module is loaded, then the component itself', async () => {
    let loads = 0;
    const Page = lazyPage(() => {
      loads++;
      return Promise.resolve({ default: Real });
    });
    expect(typeOf(Page).$$typeof).toBe(LAZY);
    // The lazy wrapper suspends in a boundary of its own, never in the frame's around mounted pages.
    expect(mount(Page).render().type).toBe(Suspense);
    await Page.preload();
    expect(typeOf(Page)).toBe(Real);
    expect(mount(Page).render().type).toBe(Real);
    await Page.preload();
    expect(loads).toBe(1);
  });

  it('should keep rendering a page mounted before its module came through the lazy wrapper (no second mount)', async () => {
    const Page = lazyPage(() => Promise.resolve({ default: Real }));
    const mounted = mount(Page);
    const before = pageOf(mounted).type;
    await Page.preload();
    expect(pageOf(mounted).type).toBe(before);
    expect((before as unknown as { $$typeof?: symbol }).$$typeof).toBe(LAZY);
    expect(typeOf(Page)).toBe(Real);
  });

  it('should load again after a failed load', async () => {
    let loads = 0;
    const Page = lazyPage(() => {
      loads++;
      return loads === 1 ? Promise.reject<{ default: typeof Real }>(new Error('offline')) : Promise.resolve({ default: Real });
    });
    await expect(Page.preload()).rejects.toThrow('offline');
    expect(typeOf(Page).$$typeof).toBe(LAZY);
    await Page.preload();
    expect(loads).toBe(2);
    expect(typeOf(Page)).toBe(Real);
  });
});
