// `{name}` placeholders: a letter, then letters, digits or underscores. Anything else in braces is malformed.
export const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

const CONTEXT = 8;

export function placeholdersIn(text: string): string[] {
  return Array.from(text.matchAll(PLACEHOLDER), (match) => match[1] ?? '');
}

/** Each brace outside a well-formed placeholder, shown with a little surrounding text. */
export function strayBraces(text: string): string[] {
  const fragments: string[] = [];
  let cursor = 0;
  const collect = (end: number): void => {
    for (let i = cursor; i < end; i += 1) {
      if (text[i] === '{' || text[i] === '}') {
        fragments.push(text.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).trim());
      }
    }
  };
  for (const match of text.matchAll(PLACEHOLDER)) {
    collect(match.index);
    cursor = match.index + match[0].length;
  }
  collect(text.length);
  return fragments;
}
