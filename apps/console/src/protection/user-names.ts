// The usernames of the user ids an audit review shows, from the gateway (which names only the users
// a supervisor shares a camp with; an administrator gets all). An id it does not name stays an id.
import { useQueries } from '@tanstack/react-query';
import { request } from '../api/http';
import { actorIdBatches } from './protection';

interface UserName {
  id: string;
  username: string;
}

/** Username by user id for the actors given, filled in as the answers come. */
export function useUserNames(actors: readonly string[]): ReadonlyMap<string, string> {
  const batches = actorIdBatches(actors);
  const answers = useQueries({
    queries: batches.map((ids) => ({
      queryKey: ['user-names', ids],
      queryFn: () => request<UserName[]>(`/admin/user-names?ids=${encodeURIComponent(ids.join(','))}`),
      staleTime: 5 * 60_000,
    })),
  });
  const names = new Map<string, string>();
  for (const answer of answers) for (const user of answer.data ?? []) names.set(user.id, user.username);
  return names;
}
