// CSV for a spreadsheet (RFC 4180), safe to open: a cell a spreadsheet would read as a formula is
// defused. No `vscode` import: string rules, unit-tested on their own.

/** What a spreadsheet takes as the start of a formula (=, +, -, @) or skips before one (tab, CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell: a leading apostrophe before anything a spreadsheet would run as a formula (OWASP's advice), then
 * RFC 4180 quoting when the cell holds a comma, a quote or a line break (quotes doubled).
 */
export function csvCell(value: string): string {
  const inert = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/** Rows as CSV text: CRLF line ends, as RFC 4180 has them. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
