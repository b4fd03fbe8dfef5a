// What an SMS costs: the provider's price per segment, which can differ by encoding (an Arabic or
// Kurdish message is UCS-2), in minor units of one currency. Pure; the same model prices a template's
// preview and a sent message.
import type { SmsEncoding } from './segments.js';

export interface SmsPrices {
  /** Price of one segment in minor units of `currency` (cents, fils), per encoding. */
  perSegmentMinor: Readonly<Record<SmsEncoding, number>>;
  /** ISO 4217 code, e.g. USD, IQD. */
  currency: string;
}

export interface SmsCost {
  segments: number;
  costMinor: number;
  currency: string;
}

/** The cost of a message of `segments` parts in `encoding`: segments × that encoding's price per segment. */
export function smsCost(segments: number, encoding: SmsEncoding, prices: SmsPrices): SmsCost {
  return { segments, costMinor: segments * prices.perSegmentMinor[encoding], currency: prices.currency };
}
