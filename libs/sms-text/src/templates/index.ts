import type { Language } from '../language.js';
import { ar } from './ar.js';
import { ckb } from './ckb.js';
import { en } from './en.js';
import { kmr } from './kmr.js';
import type { TemplateKey } from './template-keys.js';

export const DEFAULT_TEMPLATES: Readonly<Record<Language, Readonly<Record<TemplateKey, string>>>> = {
  ar,
  ckb,
  kmr,
  en,
};
