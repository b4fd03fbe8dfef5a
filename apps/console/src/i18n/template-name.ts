// A message template's name in the user's language: the templates' own names, else the follow-up
// survey's (its templates are named under the `survey` key).
import type { TFunction } from 'i18next';
import { translateOr } from './dynamic';

export function templateName(t: TFunction, template: string): string {
  return translateOr(t, `templates.names.${template}`, translateOr(t, `survey.templateNames.${template}`, template));
}
