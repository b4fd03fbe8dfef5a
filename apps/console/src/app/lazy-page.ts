// React.lazy for the pages a load starts fetching at boot (App.tsx). A lazy component suspends on its
// first render even when its module has long arrived, and React keeps a Suspense fallback on screen
// for at least 300 ms once shown (so that content does not flicker in): the frame and the page, two
// nested boundaries, cost a repeat load ~0.6 s of waiting with everything already in memory. This
// one renders the module's component directly once it is loaded, and is lazy only before.
import { createElement, lazy, type ComponentType, type FunctionComponent } from 'react';

export type PreloadablePage<P extends object> = FunctionComponent<P> & {
  /** Starts loading the module (once; again after a failure); resolves when it is there. */
  preload(): Promise<void>;
};

export function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): PreloadablePage<P> {
  let component: ComponentType<P> | undefined;
  let pending: Promise<{ default: ComponentType<P> }> | undefined;
  const start = () =>
    (pending ??= load().then(
      (module) => {
        component = module.default;
        return module;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    ));
  const Lazy = lazy(start);
  const Page = (props: P) => createElement(component ?? Lazy, props);
  return Object.assign(Page, { preload: () => start().then(() => undefined) });
}
