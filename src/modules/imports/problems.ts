// The problems of a file, collected over the whole import so that one answer lists them all.
import type { Problem } from '../../domain/activity-rules.ts';
import { type ErrorDetail, validationFailed } from '../../lib/errors.ts';
import { detach } from './detach.ts';

export const MAX_LISTED_PROBLEMS = 1000;

/** Collects problems, keeping the first MAX_LISTED_PROBLEMS and counting the rest. */
export class ProblemList {
  readonly list: Problem[] = [];
  count = 0;
  add(ps: Problem[]) {
    for (const p of ps) {
      this.count++;
      // Kept to the end of the import: their strings must not hold the file's text (see detach).
      if (this.list.length < MAX_LISTED_PROBLEMS)
        this.list.push({
          ...p,
          message: detach(p.message),
          ...(typeof p.value === 'string' ? { value: detach(p.value) } : {}),
        });
    }
  }
  throwIfAny() {
    if (this.count === 0) return;
    const details = [...this.list];
    if (this.count > this.list.length)
      details.push({
        rule: 'more_problems',
        message: `… and ${this.count - this.list.length} more problems not listed`,
      } as Problem);
    throw validationFailed(
      `The file has ${this.count} problem${this.count === 1 ? '' : 's'}; nothing was imported`,
      details as ErrorDetail[],
    );
  }
}
