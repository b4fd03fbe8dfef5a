// GSM 03.38 (3GPP TS 23.038) default alphabet, as Unicode. ESC (0x1B) is left out: it only introduces
// the extension table. 0x09 is the capital Ç, as in the current standard; a small ç is not GSM.
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

// Extension table: each costs ESC + the character, two septets.
const EXTENSION = '\f^{}\\[]~|€';

const basicSet: ReadonlySet<string> = new Set(BASIC);
const extensionSet: ReadonlySet<string> = new Set(EXTENSION);

/** Septets a code point takes in GSM-7 (1 or 2), or undefined when it has no GSM-7 form. */
export function gsmSeptets(codePoint: string): 1 | 2 | undefined {
  if (basicSet.has(codePoint)) return 1;
  if (extensionSet.has(codePoint)) return 2;
  return undefined;
}

export const GSM_BASIC_SIZE = basicSet.size;
export const GSM_EXTENSION_SIZE = extensionSet.size;
