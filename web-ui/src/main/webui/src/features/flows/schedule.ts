/**
 * A schedule trigger fires on a five-field cron ("0 9 * * 1": Mondays at 9:00) read in the
 * workspace's time zone. Business users pick "every day / week / month at a time"; anything else
 * stays the cron text an IT person typed.
 */
export type Frequency = 'daily' | 'weekly' | 'monthly' | 'custom';

export const FREQUENCIES: readonly Frequency[] = ['daily', 'weekly', 'monthly', 'custom'];

/** Monday first, as Chinese calendars show the week; cron numbers Sunday 0. */
export const WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5, 6, 0];

export interface ScheduleParts {
  frequency: Frequency;
  hour: number;
  minute: number;
  /** cron day-of-week numbers (0 = Sunday), for weekly */
  weekdays: number[];
  /** day of the month, for monthly */
  day: number;
  /** the text itself, for custom */
  cron: string;
}

const DEFAULTS: ScheduleParts = { frequency: 'daily', hour: 9, minute: 0, weekdays: [1], day: 1, cron: '' };

const inRange = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

/** What a cron reads as in the picker; a cron the picker cannot show is 'custom'. */
export function partsOf(cron: unknown): ScheduleParts {
  if (typeof cron !== 'string' || cron.trim() === '') return { ...DEFAULTS };
  const text = cron.trim().replace(/\s+/g, ' ');
  const m = /^(\d{1,2}) (\d{1,2}) (\*|\d{1,2}) \* (\*|[0-7](?:,[0-7])*)$/.exec(text);
  const minute = m ? Number(m[1]) : NaN;
  const hour = m ? Number(m[2]) : NaN;
  if (!m || !inRange(minute, 0, 59) || !inRange(hour, 0, 23) || (m[3] !== '*' && m[4] !== '*')) {
    return { ...DEFAULTS, frequency: 'custom', cron: text };
  }
  if (m[3] !== '*') {
    const day = Number(m[3]);
    return inRange(day, 1, 31) ? { ...DEFAULTS, frequency: 'monthly', hour, minute, day, cron: text } : { ...DEFAULTS, frequency: 'custom', cron: text };
  }
  if (m[4] !== '*') {
    const weekdays = [...new Set(m[4].split(',').map((d) => Number(d) % 7))];
    return { ...DEFAULTS, frequency: 'weekly', hour, minute, weekdays, cron: text };
  }
  return { ...DEFAULTS, frequency: 'daily', hour, minute, cron: text };
}

/** The cron of what the picker shows; weekdays in calendar order. */
export function cronOf(parts: ScheduleParts): string {
  const at = `${parts.minute} ${parts.hour}`;
  switch (parts.frequency) {
    case 'daily':
      return `${at} * * *`;
    case 'weekly': {
      const days = [...parts.weekdays].sort((a, b) => a - b);
      return `${at} * * ${days.length ? days.join(',') : '1'}`;
    }
    case 'monthly':
      return `${at} ${parts.day} * *`;
    default:
      return parts.cron.trim();
  }
}
