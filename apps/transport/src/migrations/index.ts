import type { Type } from '@nestjs/common';
import { AmbulanceSeats1796567590837 } from './ambulance-seats-1796567590837.js';
import { BoardingRequests1796600000000 } from './boarding-requests-1796600000000.js';
import { AssemblyPointTexts1796567260204 } from './assembly-point-texts-1796567260204.js';
import { AssessmentReasons1764420000000 } from './assessment-reasons-1764420000000.js';
import { CargoAndSeatReads1796567322667 } from './cargo-and-seat-reads-1796567322667.js';
import { TransportDestinations1764530000000 } from './transport-destinations-1764530000000.js';
import { TransportTables1764400000000 } from './transport-tables-1764400000000.js';
import { TravelMessages1796567385916 } from './travel-messages-1796567385916.js';
import { SeatReplies1796600000001 } from './seat-replies-1796600000001.js';
import { HouseholdCaseNumbers1797200000000 } from './household-case-numbers-1797200000000.js';

/** The transport schema's migrations, oldest first (the messaging tables come before these). */
export const transportMigrations: Type<unknown>[] = [
  TransportTables1764400000000,
  AssessmentReasons1764420000000,
  TransportDestinations1764530000000,
  AssemblyPointTexts1796567260204,
  CargoAndSeatReads1796567322667,
  TravelMessages1796567385916,
  AmbulanceSeats1796567590837,
  BoardingRequests1796600000000,
  SeatReplies1796600000001,
  HouseholdCaseNumbers1797200000000,
];
