/** Counts below this (and above zero) are never shown: a cell of 1–4 families could point at a family. */
export const SUPPRESSION_THRESHOLD = 5;

export interface Suppressed {
  suppressed: true;
}

export type Cell = string | number | null | Suppressed;
export type Row = Record<string, Cell>;

export const SUPPRESSED: Suppressed = Object.freeze({ suppressed: true });

export function isSuppressed(cell: Cell | undefined): cell is Suppressed {
  return typeof cell === 'object' && cell !== null && cell.suppressed === true;
}

/**
 * Which columns of a table are counts, and which counts follow another: when a row's families are
 * hidden, the people of those families are hidden too (6 people could be one family).
 */
export interface SuppressionRule {
  counts: string[];
  follows?: Record<string, string[]>;
}

function hide(row: Row, column: string, rule: SuppressionRule): void {
  row[column] = SUPPRESSED;
  for (const follower of rule.follows?.[column] ?? []) row[follower] = SUPPRESSED;
}

/**
 * Hides every count of 1–4 (and the counts that follow it), then, in each column where exactly one
 * cell is hidden, the smallest other non-zero cell too: otherwise the column's total — shown by the
 * other tables of the same report (returns per week, camp and area add up to the same families) —
 * minus the visible cells would give the hidden one back. Returns new rows; zeros stay visible.
 */
export function suppressSmallCounts(rows: Row[], rule: SuppressionRule): Row[] {
  const out = rows.map((row) => ({ ...row }));
  for (const row of out) {
    for (const column of rule.counts) {
      const value = row[column];
      if (typeof value === 'number' && value > 0 && value < SUPPRESSION_THRESHOLD) hide(row, column, rule);
    }
  }
  for (const column of rule.counts) {
    const hidden = out.filter((row) => isSuppressed(row[column])).length;
    if (hidden !== 1) continue;
    let smallest: Row | null = null;
    for (const row of out) {
      const value = row[column];
      if (typeof value !== 'number' || value === 0) continue;
      if (smallest === null || value < (smallest[column] as number)) smallest = row;
    }
    if (smallest) hide(smallest, column, rule);
  }
  return out;
}
