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
};
