import type { TemplateKey } from './template-keys.js';

// Modern Standard Arabic, polite plural; Levantine month names come from formatDate.
export const ar: Readonly<Record<TemplateKey, string>> = {
  registered:
    'تم تسجيل عائلتكم للعودة الطوعية، رقم الملف {caseNumber}. سنرسل لكم المستجدات برسائل نصية. ' +
    'لإيقاف الرسائل أرسلوا: توقف',
  assessed_pending: 'الملف {caseNumber}: طلب عودتكم معلق. السبب: {missing}. يرجى مراجعة إدارة المخيم.',
  assessed_eligible: 'الملف {caseNumber}: عائلتكم مؤهلة للعودة. سنرسل موعد السفر قريباً.',
  assessed_ineligible: 'الملف {caseNumber}: العودة غير ممكنة حالياً. السبب: {reason}. يرجى مراجعة إدارة المخيم.',
  scheduled:
    'الملف {caseNumber}: سفركم إلى {destination} يوم {date}. ' +
    'يرجى الحضور إلى {assemblyPoint} الساعة {time} مع وثائقكم.',
  reminder: 'تذكير: السفر يوم {date}. يرجى الحضور إلى {assemblyPoint} الساعة {time} مع وثائقكم.',
  unscheduled: 'الملف {caseNumber}: تم إلغاء موعد سفركم. لا تحضروا إلى نقطة التجمع. سنرسل لكم موعداً جديداً.',
  unscheduled_no_date: 'الملف {caseNumber}: تم إلغاء موعد سفركم. لا تحضروا إلى نقطة التجمع. يرجى مراجعة إدارة المخيم.',
  convoy_cancelled: 'تم إلغاء قافلة العودة يوم {date}. لا تحضروا إلى نقطة التجمع. سنرسل لكم موعداً جديداً.',
  departed: 'انطلقت قافلتكم إلى {destination}. نتمنى لكم رحلة آمنة.',
  arrived: 'وصلت قافلتكم إلى {destination}. نتمنى لكم السلامة والخير.',
  opted_out: 'لن تصلكم رسائلنا بعد الآن. لاستئنافها أرسلوا: ابدأ',
  opted_in: 'ستصلكم رسائل العودة من جديد. لإيقافها أرسلوا: توقف',
  seat_question: 'الملف {caseNumber}: أرسلوا 1 لتأكيد مقعدكم يوم {date}، أو 2 للتنازل عن هذا الموعد.',
  seat_reminder: 'الملف {caseNumber}: لم يصلنا ردكم. أرسلوا 1 للاحتفاظ بمقعدكم يوم {date}، أو 2 للتنازل عن هذا الموعد.',
  reply_help: 'الملف {caseNumber}: لم نفهم ردكم. أرسلوا الرقم 1 أو 2 فقط. سيقرأ موظف الحالة رسالتكم.',
  arrival_question: 'الملف {caseNumber}: هل وصلت عائلتكم بسلامة؟ أرسلوا 1 نعم، أو 2 نحتاج مساعدة.',
  survey_shelter: 'الملف {caseNumber}: استبيان قصير بعد عودتكم. كيف حال مسكنكم؟ أرسلوا 1 جيد، 2 متضرر أو مزدحم، 3 لا يوجد مسكن مناسب.',
  survey_services: 'الملف {caseNumber}: هل تصل عائلتكم إلى الماء والرعاية الصحية والمدرسة؟ أرسلوا 1 كلها، 2 بعضها، 3 لا شيء.',
  survey_safety: 'الملف {caseNumber}: هل تشعر عائلتكم بالأمان حيث تسكنون الآن؟ أرسلوا 1 نعم، 2 إلى حد ما، 3 لا.',
  survey_help: 'الملف {caseNumber}: لم نفهم ردكم. أرسلوا رقماً واحداً فقط: 1 أو 2 أو 3. سيقرأ موظف الحالة رسالتكم.',
};
