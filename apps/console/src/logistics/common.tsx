// Pieces the logistics pages share: the camp worked on, area names, a convoy's state, transport's
// refusals in words, and sentences whose values (plates, names, places) keep their own direction.
import Chip from '@mui/material/Chip';
import TextField from '@mui/material/TextField';
import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';
import { usePrefs } from '../app/prefs';
import { allCamps, hasRole } from '../auth/api';
import { useUser } from '../auth/session';
import { areaName } from '../households/areas';
import { useAreas } from '../households/queries';
import { errorSentence } from '../i18n/error-text';
import { translateOr } from '../i18n/dynamic';
import type { ConvoyStatus, ManifestArea } from './api';

/** Logistics officers write; supervisors read the same screens. */
export function useCanPlan(): boolean {
  return hasRole(useUser(), 'logistics');
}

/** The camp a page works on: the user's first camp, a choice when they have several. */
export function useCamp(): [string, (camp: string) => void] {
  const user = useUser();
  return useState(allCamps(user) ? '' : (user.camps[0] ?? ''));
}

export function CampPicker({ value, onChange }: { value: string; onChange: (camp: string) => void }) {
  const { t } = useTranslation();
  const user = useUser();
  if (!allCamps(user) && user.camps.length <= 1) return null;
  if (allCamps(user)) {
    return <TextField id="logistics-camp" size="small" label={t('logistics.camp')} value={value} onChange={(e) => onChange(e.target.value.trim())} slotProps={{ htmlInput: { dir: 'ltr' } }} />;
  }
  return (
    <TextField select id="logistics-camp" size="small" label={t('logistics.camp')} value={value} onChange={(e) => onChange(e.target.value)} slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}>
      {user.camps.map((camp) => <option key={camp} value={camp}>{camp}</option>)}
    </TextField>
  );
}

/** A transport refusal in words (logistics.errors), else the console's general sentence. */
export function useLogisticsError(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error: unknown) => {
    if (error instanceof ApiError && error.code.startsWith('TRANSPORT.')) {
      const code = error.code.slice('TRANSPORT.'.length);
      const known = translateOr(t, `logistics.errors.${code}`, '') || translateOr(t, `logisticsEdit.errors.${code}`, '');
      if (known) return known;
    }
    return errorSentence(t, error);
  };
}

/** Why the planner (or the officer) left a family out, in words. */
export function useUnplacedText(): (code: string) => string {
  const { t } = useTranslation();
  return (code: string) => translateOr(t, `logistics.unplaced.${code}`, '') || translateOr(t, `logisticsEdit.unplaced.${code}`, code);
}

/** An area's name in the user's script, from registration's list; the code when the list lacks it. */
export function useAreaNames(): (code: string) => string {
  const { locale } = usePrefs();
  const areas = useAreas();
  const byCode = new Map((areas.data ?? []).map((area) => [area.code, area]));
  return (code: string) => {
    const area = byCode.get(code);
    return area ? areaName(area, locale) : code;
  };
}

/** A manifest's area (names printed with it) in the user's script. */
export function manifestAreaName(area: ManifestArea, locale: string): string {
  const arabicScript = locale === 'ar' || locale === 'ckb';
  return (arabicScript ? (area.nameAr ?? area.nameEn) : (area.nameEn ?? area.nameAr)) ?? area.code;
}

const STATUS_COLOR: Record<ConvoyStatus, 'default' | 'info' | 'success' | 'warning' | 'error' | 'primary'> = {
  planned: 'info',
  confirmed: 'primary',
  boarding: 'warning',
  departed: 'success',
  arrived: 'success',
  cancelled: 'error',
};

export function ConvoyStatusChip({ status }: { status: ConvoyStatus }) {
  const { t } = useTranslation();
  return <Chip size="small" color={STATUS_COLOR[status]} label={t(`logistics.status.${status}`)} />;
}

/**
 * A translated sentence with its values each in a <bdi>: a Latin plate or name inside an Arabic
 * sentence keeps its own direction, and the sentence's final full stop stays at the sentence's end.
 */
export function Isolated({ text, values }: { text: string; values: Record<string, ReactNode> }) {
  const parts = text.split(/(\{\{\w+\}\})/g);
  return (
    <>
      {parts.map((part, index) => {
        const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
        return name !== undefined && name in values ? <bdi key={index}>{values[name]}</bdi> : <Fragment key={index}>{part}</Fragment>;
      })}
    </>
  );
}
