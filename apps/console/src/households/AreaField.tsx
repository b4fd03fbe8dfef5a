// Destination from the area list: type any part of the name (Arabic or Latin) or the code.
import Autocomplete, { createFilterOptions } from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../app/prefs';
import { areaOptions, type AreaOption } from './areas';
import { useAreas } from './queries';

const filter = createFilterOptions<AreaOption>({ stringify: (option) => option.searchText, limit: 50 });

export function AreaField(props: { id: string; value: string; onChange: (code: string) => void; error?: string; required?: boolean }) {
  const { t } = useTranslation();
  const { locale } = usePrefs();
  const areas = useAreas();
  const options = useMemo(() => areaOptions(areas.data ?? [], locale), [areas.data, locale]);
  const selected = options.find((option) => option.code === props.value) ?? null;
  return (
    <Autocomplete
      id={props.id}
      options={options}
      value={selected}
      loading={areas.isPending}
      filterOptions={(all, state) => filter(all, { ...state, inputValue: state.inputValue.toLowerCase() })}
      getOptionLabel={(option) => option.label}
      isOptionEqualToValue={(a, b) => a.code === b.code}
      onChange={(_, option) => props.onChange(option?.code ?? '')}
      autoHighlight
      loadingText={t('common.loading')}
      noOptionsText={t('register.noArea')}
      renderOption={(liProps, option) => {
        const { key, ...rest } = liProps as typeof liProps & { key: string };
        return (
          <Box component="li" key={key} {...rest} sx={{ flexDirection: 'column', alignItems: 'flex-start !important' }}>
            <span>{option.label} <Typography component="bdi" dir="ltr" variant="caption" color="text.secondary">{option.code}</Typography></span>
            {option.path ? <Typography variant="caption" color="text.secondary">{option.path}</Typography> : null}
          </Box>
        );
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={t('household.destination')}
          required={props.required}
          error={!!props.error || areas.isError}
          helperText={props.error ?? (areas.isError ? t('register.areasFailed') : selected?.path || undefined)}
        />
      )}
    />
  );
}
