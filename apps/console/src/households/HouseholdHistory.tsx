// The household page's lower part: what happened (timeline) and the SMS sent. Its own chunk, loaded
// after the page's first paint when it comes near the screen (components/Deferred).
import Grid from '@mui/material/Grid';
import type { HouseholdView, Timeline } from '../api/types';
import { MessagesCard, useHouseholdMessages } from './MessagesCard';
import { TimelineCard } from './TimelineCard';

export default function HouseholdHistory(props: { household: HouseholdView; timeline: Timeline | undefined; isPending: boolean; error: unknown; retry: () => void }) {
  const messages = useHouseholdMessages(props.household.id);
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, lg: messages.shown ? 7 : 12 }}>
        <TimelineCard {...props} />
      </Grid>
      {messages.shown ? (
        <Grid size={{ xs: 12, lg: 5 }}>
          <MessagesCard messages={messages.messages} />
        </Grid>
      ) : null}
    </Grid>
  );
}
