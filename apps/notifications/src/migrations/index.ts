import type { Type } from '@nestjs/common';
import { NotificationsTables1764400000000 } from './notifications-tables.migration.js';
import { SendingLookups1764500000000 } from './sending-lookups.migration.js';
import { AreaNames1764600000000 } from './area-names.migration.js';
import { DevHandOffs1764700000000 } from './dev-hand-offs.migration.js';
import { SmsOutcomes1796567290263 } from './sms-outcomes.migration.js';
import { Erasure1796570000000 } from './erasure.migration.js';
import { Conversations1796600000000 } from './conversations.migration.js';
import { Survey1796700000000 } from './survey.migration.js';
import { FlagClearNotes1796700000001 } from './flag-clear-notes.migration.js';

/** The notifications schema's migrations, oldest first (the messaging tables come before these). */
export const notificationsMigrations: Type<unknown>[] = [
  NotificationsTables1764400000000,
  SendingLookups1764500000000,
  AreaNames1764600000000,
  DevHandOffs1764700000000,
  SmsOutcomes1796567290263,
  Erasure1796570000000,
  Conversations1796600000000,
  Survey1796700000000,
  FlagClearNotes1796700000001,
];
