import type { TemplateKey } from './template-keys.js';

// Kurmanji in Latin script (Hawar alphabet). ê î û ş make it UCS-2, so it is budgeted like Arabic.
export const kmr: Readonly<Record<TemplateKey, string>> = {
  registered:
    'Malbata we ji bo vegera dilxwazî hat tomarkirin, dosya {caseNumber}. Em ê bi SMS agahî bişînin. ' +
    'Ji bo rawestandinê RAWESTE bişînin.',
  assessed_pending:
    'Dosya {caseNumber}: vegera we li bendê ye. Sedem: {missing}. Ji kerema xwe werin rêveberiya kampê.',
  assessed_eligible:
    'Dosya {caseNumber}: malbata we mafdarê vegerê ye. Em ê di nêzîk de roja rêwîtiyê ji we re bişînin.',
  assessed_ineligible:
    'Dosya {caseNumber}: niha veger ne gengaz e. Sedem: {reason}. Ji kerema xwe werin rêveberiya kampê.',
  scheduled:
    'Dosya {caseNumber}: veger bo {destination} roja {date} e. ' +
    'Ji kerema xwe saet {time} bi belgeyan werin {assemblyPoint}.',
  reminder: 'Bîranîn: rêwîtî roja {date} e. Ji kerema xwe saet {time} bi belgeyan werin {assemblyPoint}.',
  unscheduled: 'Dosya {caseNumber}: roja rêwîtiya we hat betalkirin. Neyên cihê kombûnê. Em ê rojeke nû bişînin.',
  unscheduled_no_date:
    'Dosya {caseNumber}: roja rêwîtiya we hat betalkirin. Neyên cihê kombûnê. Ji kerema xwe werin rêveberiya kampê.',
  convoy_cancelled: 'Karwana vegerê ya roja {date} hat betalkirin. Neyên cihê kombûnê. Em ê rojeke nû bişînin.',
  departed: 'Karwana we ber bi {destination} ve bi rê ket. Rêwîtiyeke bi ewle!',
  arrived: 'Karwana we gihîşt {destination}. Em silametiyê ji we re dixwazin.',
  opted_out: 'Êdî em SMS ji we re naşînin. Ji bo ku dîsa bistînin, DESTPÊK bişînin.',
  opted_in: 'Hûn ê dîsa SMS-ên vegerê bistînin. Ji bo rawestandinê RAWESTE bişînin.',
  seat_question: 'Dosya {caseNumber}: ji bo piştrastkirina cihê xwe yê roja {date} 1 bişînin, an 2 ji bo ku dev ji vê rojê berdin.',
  seat_reminder: 'Dosya {caseNumber}: bersiv nehat. Ji bo cihê roja {date} 1 bişînin, an 2 ji bo dev ji vê rojê berdin.',
  reply_help: 'Dosya {caseNumber}: me bersiva we fêm nekir. Tenê hejmara 1 an 2 bişînin. Karmendek dê peyama we bixwîne.',
  arrival_question: 'Dosya {caseNumber}: malbata we bi silametî gihîşt? Ji bo erê 1 bişînin, an 2 heke hûn alîkariyê dixwazin.',
  survey_shelter: 'Dosya {caseNumber}: piştî vegerê, cihê we yê mayînê çawa ye? 1 baş, 2 xesarbûyî an qerebalix, 3 cihekî guncav tune.',
  survey_services: 'Dosya {caseNumber}: malbata we digihîje av, lênihêrîna tenduristiyê û dibistanê? 1 hemû, 2 hinek, 3 tu yek.',
  survey_safety: 'Dosya {caseNumber}: malbata we li cihê ku niha lê dijî xwe ewle hîs dike? 1 erê, 2 hinekî, 3 na.',
  survey_help: 'Dosya {caseNumber}: me bersiva we fêm nekir. Tenê hejmarekê bişînin: 1, 2 an 3. Karmendek dê peyama we bixwîne.',
};
