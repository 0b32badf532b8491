// Normalising names so that a region or organisation typed by hand matches its reference entry.
export function normalizeName(value: string): string {
  return value
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"'`]/g, '')
    .replace(/(^|\s)обл\.?(?=\s|$)/g, '$1область')
    .replace(/(^|\s)г\.\s*/g, '$1г. ')
    .replace(/\s+/g, ' ')
    .trim();
}
