import type { TemplateKey } from './template-keys.js';

// Sorani in Arabic script, with the Kurdish letters ڕ ڵ ێ ۆ ە (not their Arabic look-alikes).
export const ckb: Readonly<Record<TemplateKey, string>> = {
  registered:
    'خێزانەکەتان بۆ گەڕانەوەی خۆبەخشانە تۆمار کرا، دۆسیەی {caseNumber}. بە نامە ئاگادارتان دەکەینەوە. ' +
    'بۆ ڕاگرتن بنێرن: ڕاگرتن',
  assessed_pending:
    'دۆسیەی {caseNumber}: گەڕانەوەتان ڕاگیراوە. هۆکار: {missing}. تکایە سەردانی بەڕێوەبەرایەتیی کەمپ بکەن.',
  assessed_eligible: 'دۆسیەی {caseNumber}: خێزانەکەتان شایستەی گەڕانەوەیە. بەم زووانە ڕێکەوتی گەشتتان بۆ دەنێرین.',
  assessed_ineligible:
    'دۆسیەی {caseNumber}: ئێستا گەڕانەوە ناکرێت. هۆکار: {reason}. تکایە سەردانی بەڕێوەبەرایەتیی کەمپ بکەن.',
  scheduled:
    'دۆسیەی {caseNumber}: گەشت بۆ {destination} لە {date}. تکایە {time} بە بەڵگەکانەوە وەرن بۆ {assemblyPoint}.',
  reminder: 'بیرخستنەوە: گەشت لە {date}. تکایە {time} بە بەڵگەکانەوە وەرن بۆ {assemblyPoint}.',
  unscheduled:
    'دۆسیەی {caseNumber}: ڕێکەوتی گەشتتان هەڵوەشایەوە. مەچنە خاڵی کۆبوونەوە. ڕێکەوتێکی نوێتان بۆ دەنێرین.',
  unscheduled_no_date:
    'دۆسیەی {caseNumber}: ڕێکەوتی گەشتتان هەڵوەشایەوە. مەچنە خاڵی کۆبوونەوە. تکایە سەردانی بەڕێوەبەرایەتیی کەمپ بکەن.',
  convoy_cancelled: 'کاروانی گەڕانەوەی {date} هەڵوەشایەوە. مەچنە خاڵی کۆبوونەوە. ڕێکەوتێکی نوێتان بۆ دەنێرین.',
  departed: 'کاروانەکەتان بەرەو {destination} کەوتە ڕێ. گەشتێکی سەلامەتتان بۆ دەخوازین.',
  arrived: 'کاروانەکەتان گەیشتە {destination}. سەلامەتی و خۆشیتان بۆ دەخوازین.',
  opted_out: 'چیتر نامەتان بۆ نانێرین. بۆ وەرگرتنەوەیان بنێرن: دەستپێکردن',
  opted_in: 'دووبارە نامەی گەڕانەوەتان بۆ دەنێرین. بۆ ڕاگرتنیان بنێرن: ڕاگرتن',
};
