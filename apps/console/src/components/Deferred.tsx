// A part of a page that is not needed for its first paint: rendered once the page has painted and
// the part is near the screen (IntersectionObserver), so its code and its reads do not compete with
// what the person looks at first on a slow link. Until then a placeholder keeps its place.
import Box from '@mui/material/Box';
import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Loading } from './Loading';

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
    // After the first paint (two frames), then as soon as the part comes near the viewport.
    const frame = requestAnimationFrame(() => {
      observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) setShown(true);
      }, { rootMargin: '200px' });
      observer.observe(element);
    });
    return () => {
      cancelAnimationFrame(frame);
      observer?.disconnect();
    };
  }, [shown]);

  const placeholder = <Box ref={ref} sx={{ minHeight }} aria-hidden />;
  if (!shown) return placeholder;
  return <Suspense fallback={<Box sx={{ minHeight }}><Loading /></Box>}>{children}</Suspense>;
}
