// A horizontal bar chart in SVG, one bar per row: the bars grow from the start of the line (the right
// in Arabic, the left in English) because each bar is drawn in its own row laid out by the page's
// direction. The figure is labelled for screen readers; the same numbers are in the table below it.
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { useId, type ReactNode } from 'react';

export interface ChartBar {
  key: string;
  label: ReactNode;
  /** null: a suppressed count, drawn short and hatched. */
  value: number | null;
  valueText: string;
}

const SUPPRESSED_SHARE = 0.04;

export function BarChart({ title, bars, ariaLabel }: { title: string; bars: ChartBar[]; ariaLabel: string }) {
  const theme = useTheme();
  const max = Math.max(1, ...bars.map((bar) => bar.value ?? 0));
  const rtl = theme.direction === 'rtl';
  const chartId = `bars${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  return (
    <Box component="figure" role="figure" aria-label={ariaLabel} sx={{ m: 0, mb: 2 }}>
      <Typography component="figcaption" variant="subtitle2" sx={{ mb: 1 }}>
        {title}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(7rem, max-content) 1fr minmax(5rem, max-content)', columnGap: 1.5, rowGap: 0.75, alignItems: 'center' }}>
        {bars.map((bar, index) => {
          const share = bar.value === null ? SUPPRESSED_SHARE : bar.value / max;
          const width = Math.max(share * 100, bar.value === 0 ? 0 : 1);
          return (
            <Box key={bar.key} sx={{ display: 'contents' }} data-bar={bar.key}>
              <Typography variant="body2" sx={{ textAlign: 'start' }}>{bar.label}</Typography>
              <svg width="100%" height="20" aria-hidden="true" focusable="false" style={{ display: 'block' }}>
                <defs>
                  <pattern id={`${chartId}-${index}`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect width="3" height="6" fill={theme.palette.text.disabled} />
                  </pattern>
                </defs>
                <rect
                  x={rtl ? `${100 - width}%` : 0}
                  y="2"
                  width={`${width}%`}
                  height="16"
                  rx="2"
                  fill={bar.value === null ? `url(#${chartId}-${index})` : theme.palette.primary.main}
                />
              </svg>
              <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', color: bar.value === null ? 'text.secondary' : 'text.primary' }}>
                {bar.valueText}
              </Typography>
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
