import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/errors';

/** One per signed-in person (see Layout): their data never outlives their session on screen. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A weak link: no refetch on every focus; retry only what may pass next time.
        refetchOnWindowFocus: false,
        staleTime: 30_000,
        retry: (count, error) => count < 2 && (!(error instanceof ApiError) || error.isNetwork || error.status >= 502),
      },
      mutations: { retry: false },
    },
  });
}
