import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@awda/auth';
import { AuditLogRepository } from '../common/audit-log.repository.js';
import { GuardianConsentsService, type GuardianConsentEntry } from '../consents/guardian-consents.service.js';
import type { HouseholdView } from '../households/household.view.js';
import { HouseholdReads, type TimelineEntry } from '../households/household-reads.service.js';
import { HouseholdExportRepository } from './export.repository.js';

export interface ConsentRecordEntry {
  memberId: string;
  decision: string;
  decidedOn: string;
  method: string;
  recordedAt: string;
  superseded: boolean;
}

/** Everything registration holds about one household, for a subject access request. */
export interface HouseholdExport {
  exportedAt: string;
  household: HouseholdView;
  consents: ConsentRecordEntry[];
  guardianConsents: GuardianConsentEntry[];
  /** What happened to the household, across services, as registration recorded it. */
  timeline: TimelineEntry[];
  /** Eligibility's latest decision, as registration holds it. */
  assessment: Record<string, unknown> | null;
  /** What other services hold and how to read it there (their own APIs). */
  elsewhere: { service: string; holds: string; read: string }[];
}

const ELSEWHERE: HouseholdExport['elsewhere'] = [
  { service: 'eligibility', holds: 'assessments and their reasons, overrides with their reasons', read: 'GET /assessments/:householdId' },
  { service: 'transport', holds: 'seat, convoy, boarding check-ins (no names or phones)', read: 'GET /convoys/:id (logistics)' },
  { service: 'notifications', holds: 'the SMS sent to the family, their texts and delivery status; the phone, encrypted', read: 'GET /households/:id/messages' },
];

/** GET /households/:id/export: the household's record as JSON, or as a readable text in its language. */
@Injectable()
export class HouseholdExporter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly query: HouseholdReads,
    private readonly guardians: GuardianConsentsService,
    private readonly audit: AuditLogRepository,
    private readonly exports: HouseholdExportRepository,
  ) {}

  async export(user: AuthUser, id: string): Promise<HouseholdExport> {
    const household = await this.query.get(user, id, 'GET /households/:id/export');
    const consents = await this.exports.consents(this.dataSource, id);
    const guardianConsents = await this.guardians.list(user, id);
    const timeline = await this.query.history(user, id, 'GET /households/:id/export', true);
    const assessment = await this.query.latestAssessment(id);
    await this.audit.record(user.sub, [id], 'GET /households/:id/export', 'exported');
    return {
      exportedAt: new Date().toISOString(),
      household,
      consents: consents.map((c): ConsentRecordEntry => ({ ...c, recordedAt: c.recordedAt.toISOString() })),
      guardianConsents,
      timeline,
      assessment,
      elsewhere: ELSEWHERE,
    };
  }
}

type Labels = Record<'title' | 'case' | 'camp' | 'destination' | 'language' | 'phone' | 'shelter' | 'status' | 'members' | 'documents' | 'consents' | 'history' | 'elsewhere' | 'exported', string>;

const LABELS: Record<string, Labels> = {
  en: {
    title: 'What Awda holds about your family', case: 'Case number', camp: 'Camp', destination: 'Destination area', language: 'Language',
    phone: 'Phone', shelter: 'Shelter', status: 'Status', members: 'Family members', documents: 'Documents', consents: 'Decisions about return',
    history: 'History', elsewhere: 'Also held by', exported: 'Prepared on',
  },
  ar: {
    title: 'ما يحفظه نظام عودة عن عائلتكم', case: 'رقم الحالة', camp: 'المخيم', destination: 'منطقة الوجهة', language: 'اللغة',
    phone: 'الهاتف', shelter: 'مكان السكن في المخيم', status: 'الحالة', members: 'أفراد العائلة', documents: 'الوثائق', consents: 'القرارات بشأن العودة',
    history: 'السجل', elsewhere: 'يحفظ أيضاً لدى', exported: 'تاريخ الإعداد',
  },
  ckb: {
    title: 'ئەوەی عەودە دەربارەی خێزانەکەتان هەڵیدەگرێت', case: 'ژمارەی کەیس', camp: 'کەمپ', destination: 'ناوچەی مەبەست', language: 'زمان',
    phone: 'تەلەفۆن', shelter: 'شوێنی نیشتەجێبوون لە کەمپ', status: 'دۆخ', members: 'ئەندامانی خێزان', documents: 'بەڵگەنامەکان', consents: 'بڕیارەکان دەربارەی گەڕانەوە',
    history: 'مێژوو', elsewhere: 'هەروەها هەڵگیراوە لەلایەن', exported: 'ئامادەکراوە لە',
  },
  kmr: {
    title: 'Tiştên ku Awda derbarê malbata we de diparêze', case: 'Hejmara dosyayê', camp: 'Kamp', destination: 'Herêma armanc', language: 'Ziman',
    phone: 'Telefon', shelter: 'Cihê mayînê li kampê', status: 'Rewş', members: 'Endamên malbatê', documents: 'Belge', consents: 'Biryarên li ser vegerê',
    history: 'Dîrok', elsewhere: 'Her wiha li cem', exported: 'Amade kirin li',
  },
};

/** The export as a plain-text document in the household's language (its SMS language). */
export function exportText(data: HouseholdExport): string {
  const l = LABELS[data.household.language] ?? (LABELS['en'] as Labels);
  const h = data.household;
  const lines = [
    l.title,
    '',
    `${l.case}: ${h.caseNumber}`,
    `${l.camp}: ${h.campId}`,
    `${l.destination}: ${h.destinationArea}`,
    `${l.language}: ${h.language}`,
    `${l.phone}: ${h.phone ?? '—'}`,
    `${l.shelter}: ${h.shelterLocation ?? '—'}`,
    `${l.status}: ${h.status}`,
    '',
    `${l.members}:`,
    ...h.members.flatMap((m) => [
      `- ${m.fullNameAr}${m.fullNameLatin ? ` (${m.fullNameLatin})` : ''}, ${m.relationship}, ${m.sex}, ${m.dateOfBirth ?? m.age}`,
      ...m.documents.map((d) => `  ${l.documents}: ${d.type} ${d.number}`),
    ]),
    '',
    `${l.consents}:`,
    ...data.consents.map((c) => `- ${c.decidedOn} ${c.decision} (${c.method})${c.superseded ? ' ✗' : ''}`),
    ...data.guardianConsents.map((g) => `- ${g.decidedOn} ${g.decision} (${g.basis})`),
    '',
    `${l.history}:`,
    ...data.timeline.map((t) => `- ${t.occurredAt} ${t.kind} ${t.changes.join(', ')}`),
    '',
    `${l.elsewhere}:`,
    ...data.elsewhere.map((e) => `- ${e.service}: ${e.holds}`),
    '',
    `${l.exported}: ${data.exportedAt}`,
    '',
  ];
  return lines.join('\n');
}
