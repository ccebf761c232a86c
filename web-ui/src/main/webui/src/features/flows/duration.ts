/**
 * Waits and timeouts are ISO-8601 durations (`P7D`, `PT2H`, `PT30M`) as java.time.Duration reads
 * them; the designer edits them as a number and a unit.
 */
export type DurationUnit = 'minutes' | 'hours' | 'days';

export const DURATION_UNITS: readonly DurationUnit[] = ['minutes', 'hours', 'days'];

export interface Amount {
  amount: number;
  unit: DurationUnit;
}

const MINUTES: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** `{7, days}` -> `P7D`, `{2, hours}` -> `PT2H`, `{30, minutes}` -> `PT30M`. */
export function toIsoDuration({ amount, unit }: Amount): string {
  const n = Math.max(0, Math.round(amount));
  if (unit === 'days') return `P${n}D`;
  return unit === 'hours' ? `PT${n}H` : `PT${n}M`;
}

/**
 * An ISO duration as the largest unit that holds it whole (`PT90M` -> 90 minutes, `PT48H` -> 2 days,
 * `P1DT2H` -> 26 hours); null for what minutes cannot express (seconds, weeks, months, garbage).
 */
export function fromIsoDuration(iso: unknown): Amount | null {
  if (typeof iso !== 'string') return null;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(iso.trim());
  if (!m || iso.trim().toUpperCase() === 'P' || /T$/i.test(iso.trim())) return null;
  const [days, hours, minutes, seconds] = [m[1], m[2], m[3], m[4]].map((v) => (v ? Number(v) : 0));
  if (seconds % 60 !== 0) return null;
  const total = days * 1440 + hours * 60 + minutes + seconds / 60;
  const unit: DurationUnit = total > 0 && total % 1440 === 0 ? 'days' : total > 0 && total % 60 === 0 ? 'hours' : 'minutes';
  return { amount: total / MINUTES[unit], unit };
}
