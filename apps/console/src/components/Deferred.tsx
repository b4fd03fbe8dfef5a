// A part of a page that is not needed for its first paint: rendered once the page has painted, at
// once when the part is near the screen (IntersectionObserver), else 1.5 s later, so its code and
// its reads do not compete with what the person looks at first on a slow link. Until then a
// placeholder keeps its place.
import Box from '@mui/material/Box';
import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Loading } from './Loading';

/** When a part out of view is rendered anyway, after the first paint. */
const LATER_MS = 1500;

export function Deferred({ children, minHeight = 120 }: { children: ReactNode; minHeight?: number }) {
  const [shown, setShown] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (shown) return;
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') {
      setShown(true);
      return;
    }
    let observer: IntersectionObserver | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // After the first paint: at once if the part is near the viewport, else a little later (so the
    // page is complete for whoever reads it without scrolling: a screen reader, a search in the page).
    const frame = requestAnimationFrame(() => {
      observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) setShown(true);
      }, { rootMargin: '200px' });
      observer.observe(element);
      timer = setTimeout(() => setShown(true), LATER_MS);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      observer?.disconnect();
    };
  }, [shown]);

  const placeholder = <Box ref={ref} sx={{ minHeight }} aria-hidden />;
  if (!shown) return placeholder;
  return <Suspense fallback={<Box sx={{ minHeight }}><Loading /></Box>}>{children}</Suspense>;
}
