// What a person does on the console's pages, in the browser: sign in, fill the registration form,
// record decisions. Locators by role and visible label (in the page's language), never CSS classes.
import type { Locator, Page } from 'playwright-core';
import { arComplete } from '../../apps/console/src/i18n/locales/ar-complete.js';

export const AR = arComplete;

/** Waits (bounded) until the locator is visible; no sleeping. */
export async function visible(locator: Locator, timeout = 30_000): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator.first();
}

/** The side menu's link to a screen (exact name: menu entries share words). */
export function menuLink(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: AR.nav.label }).getByRole('link', { name, exact: true });
}

/** Opens a screen from the side menu and waits for its title (the page's h1). */
export async function openFromMenu(page: Page, link: string, title: string): Promise<void> {
  await menuLink(page, link).click();
  await visible(page.getByRole('heading', { name: title, level: 1 }));
}

export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel(AR.signIn.username).fill(username);
  await page.getByLabel(AR.signIn.password).fill(password);
  await page.getByRole('button', { name: AR.signIn.submit, exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
}

export interface MemberInput {
  nameAr: string;
  nameLatin?: string;
  sex: 'female' | 'male';
  relationship: 'head' | 'spouse' | 'son' | 'daughter' | 'parent' | 'sibling' | 'grandchild' | 'other';
  age: number;
  document?: string;
}

/** Fills the registration form with the mouse and keyboard as a case worker would (Arabic page). */
export async function fillRegistration(page: Page, household: { caseNumber: string; area: string; phone?: string; members: MemberInput[] }): Promise<void> {
  await page.getByLabel(AR.household.caseNumber).fill(household.caseNumber);
  const area = page.getByRole('combobox', { name: AR.household.destination });
  await area.fill(household.area);
  await visible(page.getByRole('listbox').getByRole('option').first());
  await area.press('Enter');
  if (household.phone) await page.getByLabel(AR.household.phone).fill(household.phone);
  for (const [index, member] of household.members.entries()) {
    if (index > 0) await page.getByRole('button', { name: AR.register.addMember }).click();
    const group = page.getByRole('group', { name: AR.register.memberHeading.replace('{{n}}', String(index + 1)) });
    await group.getByLabel(AR.member.fullNameAr).fill(member.nameAr);
    if (member.nameLatin) await group.getByLabel(AR.member.fullNameLatin).fill(member.nameLatin);
    await group.getByLabel(AR.member.sex).selectOption(member.sex);
    await group.getByLabel(AR.member.relationship).selectOption(member.relationship);
    await group.getByLabel(AR.member.estimatedAge).fill(String(member.age));
    if (member.document) {
      await group.getByRole('button', { name: AR.member.addDocument }).click();
      await group.getByLabel(AR.member.documentNumber).fill(member.document);
    }
  }
}

export function registerButton(page: Page): Locator {
  return page.getByRole('button', { name: AR.register.submit, exact: true });
}

/** Records one adult's consent on the household page. */
export async function recordConsent(page: Page, memberName: string): Promise<void> {
  const row = page.getByRole('row').filter({ hasText: memberName });
  await row.getByRole('button', { name: AR.consent.record }).click();
  const dialog = await visible(page.getByRole('dialog'));
  await dialog.getByRole('button', { name: AR.consent.save }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
  await visible(row.getByText(AR.consent.decisions.consent, { exact: false }));
}

export interface FocusTarget {
  id?: string;
  /** The focused control's own text (a button). */
  text?: string;
  /** The accessible name of the member group it is in. */
  group?: string;
}

/** Presses Tab (only Tab) until the wanted control has the focus; a bounded number of times. */
export async function tabTo(page: Page, target: FocusTarget, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    // Runs in the page (a string: this file is compiled without the DOM's types).
    const reached = await page.evaluate(`(() => {
      const want = ${JSON.stringify(target)};
      const el = document.activeElement;
      if (!el || el === document.body) return false;
      if (want.id !== undefined && el.id !== want.id) return false;
      if (want.text !== undefined && (el.textContent || '').trim() !== want.text) return false;
      if (want.group !== undefined && el.closest('fieldset')?.getAttribute('aria-label') !== want.group) return false;
      return true;
    })()`);
    if (reached) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${JSON.stringify(target)}`);
}
