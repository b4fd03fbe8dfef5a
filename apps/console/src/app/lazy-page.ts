// React.lazy for the pages a load starts fetching at boot (App.tsx). A lazy component suspends on its
// first render even when its module has long arrived, and React keeps a Suspense fallback on screen
// for at least 300 ms once shown (so that content does not flicker in): the frame and the page, two
// nested boundaries, cost a repeat load ~0.6 s of waiting with everything already in memory. This
// one renders the module's component directly once it is loaded, and is lazy only before.
import { Component, createElement, lazy, Suspense, type ComponentType, type ReactNode } from 'react';

export type PreloadablePage<P extends object> = ComponentType<P> & {
  /** Starts loading the module (once; again after a failure); resolves when it is there. */
  preload(): Promise<void>;
};

export function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>, fallback: ReactNode = null): PreloadablePage<P> {
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
  // What a mounted page renders is chosen once, when it mounts: a page first rendered through the
  // lazy wrapper keeps it (it renders the component inside). Switching to the component itself on a
  // later render would be a different element type, so the whole page (the frame: its query cache,
  // an open dialog) would be mounted again. The wrapper has a Suspense boundary of its own, around
  // nothing else: a boundary that suspends hides (in React) or detaches and later rebuilds (in
  // Preact, which the build uses) everything inside it, and an outer one holds mounted pages.
  class Page extends Component<P> {
    static preload = () => start().then(() => undefined);
    private readonly loaded: ComponentType<P> | undefined = component;
    override render() {
      return this.loaded ? createElement(this.loaded, this.props) : createElement(Suspense, { fallback }, createElement(Lazy, this.props));
    }
  }
  return Page;
}
