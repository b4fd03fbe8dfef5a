// A date field in the console's language and digits: the person types day/month/year ("٢٥/١٢/٢٠٢٦"
// in Arabic with Arabic-Indic digits), never the browser locale's own order; the form keeps
// "YYYY-MM-DD". Something that is not a date is passed on as typed (the form's check or the
// service says so next to the field).
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../app/prefs';
import { dateInputText, parseDateInput } from '../i18n/format';

export type DateFieldProps = Omit<TextFieldProps, 'type' | 'value' | 'onChange'> & {
  /** "YYYY-MM-DD" or '' (or what was typed when it is not a date). */
  value: string;
  onChange: (event: { target: { value: string } }) => void;
};

export function DateField({ value, onChange, helperText, slotProps: _ignored, ...rest }: DateFieldProps) {
  const { t } = useTranslation();
  const { digits } = usePrefs();
  const [text, setText] = useState(() => dateInputText(value, digits));

  // A value set from outside (a form reset, a default, another language's digits) is shown anew.
  useEffect(() => {
    setText((typed) => (parseDateInput(typed) === value ? typed : dateInputText(value, digits)));
  }, [value, digits]);

  return (
    <TextField
      {...rest}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const iso = parseDateInput(e.target.value);
        onChange({ target: { value: iso ?? e.target.value } });
      }}
      onBlur={() => {
        const iso = parseDateInput(text);
        if (iso) setText(dateInputText(iso, digits));
      }}
      placeholder={t('care2.date.placeholder')}
      helperText={helperText ?? t('care2.date.hint', { example: dateInputText('2026-12-25', digits) })}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'numeric', dir: 'ltr', autoComplete: 'off', maxLength: 10 } }}
    />
  );
}
