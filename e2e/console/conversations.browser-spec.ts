// The console in Chromium: the household page shows the questions asked by SMS (seat confirmation,
// arrival check, follow-up survey), the family's replies as written, the survey's answers in words, and
// the follow-up flag a case worker clears.
// Arabic (right to left); screenshots go to test-output/console/.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { generateHouseholds, waitFor } from '@awda/testing';
import { DEV_INBOUND_TOKEN } from '../../apps/notifications/src/config.js';
import { AwdaSystem, api } from '../harness.js';
import { Journey, localDate, urlsOf, type MessageView } from '../journey.js';
import { launchChromium, newContext, screenshot, type RunningBrowser } from './browser.js';
import { AR, signIn, visible } from './console-pages.js';

const PASSWORD = 'olive-tree-by-the-river-3';
const CAMP = 'mahmoudli';
const TABQA = 'SY110200';

describe('the console in Chromium: questions by SMS on the household page', () => {
  let system: AwdaSystem;
  let chromium: RunningBrowser;
  let browser: Browser;
  let caseworker: { username: string; password: string };
  let householdId = '';

  beforeAll(async () => {
    system = await AwdaSystem.start({
      gateway: true,
      gatewayEnv: { SESSION_COOKIE_SECURE: 'false' },
      extraEnv: {
        SMS_QUIET_START: '00:00',
        SMS_QUIET_END: '00:00',
        SMS_SETTLE_SECONDS: '0',
        SMS_DISPATCH_POLL_MS: '200',
        // The follow-up survey a few seconds after arrival (weeks in production).
        SURVEY_DELAY_SECONDS: '2',
        CONVERSATION_SWEEP_MS: '500',
      },
    });
    chromium = await launchChromium();
    browser = chromium.browser;
    caseworker = await system.createUser({ roles: ['caseworker'], camps: [CAMP], password: PASSWORD, displayName: 'سلمى' });
  }, 400_000);

  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('should show the seat confirmation with the replies, and the arrival flag a case worker marks as followed up', async () => {
    const journey = await Journey.create(urlsOf(system), CAMP);
    const generated = generateHouseholds('conversations-browser', 300, { destinationAreas: [TABQA], campId: CAMP }).find(
      (h) => h.phone !== null && !h.phone.endsWith('376') && h.members.length <= 4 && h.members.every((m) => m.needs.length === 0 && m.dateOfBirth <= localDate(-3 * 366)),
    );
    if (!generated) throw new Error('no suitable generated family');
    const family = await journey.register(generated, { caseNumber: `CNV-${Date.now() % 100000}` });
    householdId = family.id;
    await journey.consentAll(family);
    await journey.waitForAssessment(family.id, 1, (a) => a.status === 'eligible');
    const tomorrow = localDate(1);
    await journey.createFleet({ buses: 1, seats: 45, cargoTrucks: 1, ambulances: 0 }, [tomorrow], `CNV${Date.now() % 10000}`);
    await journey.waitForPool([family.id], 60_000);
    const proposal = await journey.propose({ campId: CAMP, departureDate: tomorrow, departureTime: '07:30', assemblyPoint: 'البوابة 2' });
    const committed = await journey.commit(proposal.planId);
    const convoyId = committed.convoys[0]?.convoyId ?? '';
    const sent = (template: string) => (messages: MessageView[]) => messages.some((m) => m.template === template && (m.status === 'sent' || m.status === 'delivered'));
    await journey.waitForMessages(family.id, sent('seat_question'), 90_000);
    const reply = async (text: string, id: string) => {
      const res = await api('POST', `${system.url('notifications')}/inbound/sms`, '', { From: generated.phone, Body: text, MessageSid: id }, { 'x-awda-inbound-token': DEV_INBOUND_TOKEN });
      expect(res.status).toBe(200);
    };
    await reply('هل يوجد مكان للخيمة؟', `cnv-${family.id}-1`);
    await reply('١', `cnv-${family.id}-2`);
    await journey.confirm(convoyId);
    await journey.board(convoyId);
    await journey.arrive(convoyId);
    await journey.waitForMessages(family.id, sent('arrival_question'), 90_000);
    await reply('2', `cnv-${family.id}-3`);
    await waitFor('the flag', async () => {
      const flagged = await journey.call<{ householdId: string }[]>('caseworker', 'notifications', 'GET', `/conversations/flagged?campId=${CAMP}`);
      return flagged.some((f) => f.householdId === family.id) ? true : undefined;
    });
    await journey.waitForMessages(family.id, sent('survey_shelter'), 90_000);
    await reply('٣', `cnv-${family.id}-4`);

    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, caseworker.username, caseworker.password);
    await page.goto(`${system.gatewayUrl}/households/${householdId}`);
    const card = await visible(page.getByRole('region', { name: AR.conversations.title }), 60_000);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await visible(card.getByText(AR.conversations.purposes.seat_confirmation));
    await visible(card.getByText(AR.conversations.outcomes.confirmed));
    await visible(card.getByText('هل يوجد مكان للخيمة؟'));
    await visible(card.getByText(AR.conversations.outcomes.needs_help));
    await visible(card.getByText(AR.conversations.flagged.replace('{{reason}}', AR.conversations.flagReasons.needs_help)));
    await visible(card.getByText(AR.conversations.purposes.follow_up_survey));
    await visible(card.getByText(`${AR.survey.questions.shelter}: ${AR.survey.answerWords.shelter.no_shelter}`));
    await screenshot(page, 'conversations-ar');
    await card.getByRole('button', { name: AR.conversations.clearFlag }).click();
    // What was done is written down (required); it is shown on the card afterwards.
    const dialog = await visible(page.getByRole('dialog', { name: AR.protection.followUp.clearTitle }));
    await dialog.getByLabel(AR.protection.followUp.note).fill('اتصلنا بالأسرة وأحلناها إلى الشريك الصحي');
    await dialog.getByRole('button', { name: AR.protection.followUp.confirm }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await visible(card.getByText(AR.conversations.flagCleared));
    await visible(card.getByText('اتصلنا بالأسرة وأحلناها إلى الشريك الصحي'));
    expect(await card.getByRole('button', { name: AR.conversations.clearFlag }).count()).toBe(0);
    await screenshot(page, 'conversations-cleared-ar');
    await context.close();
  }, 600_000);
});
