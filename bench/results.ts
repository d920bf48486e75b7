// The contract of bench/results.json (one entry per row) and the printed table.
import { type Summary, round } from './stats';

export interface RowResult {
  id: number;
  what: string;
  value: number;
  baseline: number;
  ratio: number;
  unit: string;
  target: string;
  met: boolean;
  /** Additive extras: how the numbers were taken and their spread. */
  median?: number;
  spread?: { min: number; max: number; iqr: number };
  baselineSpread?: { min: number; max: number; iqr: number };
  runs?: number;
  details?: Record<string, unknown>;
}

export function spreadOf(s: Summary): { min: number; max: number; iqr: number } {
  return { min: round(s.min), max: round(s.max), iqr: round(s.iqr) };
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export function formatTable(rows: RowResult[]): string {
  const header = ['#', 'what', 'value', 'baseline', 'ratio', 'unit', 'target', 'met'];
  const lines = rows.map((r) => [
    String(r.id),
    r.what,
    r.spread ? `${r.value} (${r.spread.min}–${r.spread.max})` : String(r.value),
    r.baselineSpread ? `${r.baseline} (${r.baselineSpread.min}–${r.baselineSpread.max})` : String(r.baseline),
    String(r.ratio),
    r.unit,
    r.target,
    r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => pad(c, widths[i])).join(' | ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.map(fmt)].join('\n');
}
