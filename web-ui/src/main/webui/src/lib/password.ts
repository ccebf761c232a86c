// No look-alikes (0/O, 1/l/I) so a password read out loud or copied by hand survives.
const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALL = LETTERS + DIGITS;

function randomIndex(max: number, random: (n: number) => number): number {
  return random(max);
}

function cryptoRandom(max: number): number {
  // Rejection sampling keeps the distribution uniform.
  const limit = Math.floor(0x100000000 / max) * max;
  const buf = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    if (buf[0] < limit) return buf[0] % max;
  }
}

/**
 * A random initial password that satisfies the server's policy (8-72 characters, letters and
 * digits): `length` characters with at least two letters and two digits.
 */
export function generatePassword(length = 12, random: (max: number) => number = cryptoRandom): string {
  const n = Math.min(Math.max(length, 8), 72);
  const chars: string[] = [];
  chars.push(LETTERS[randomIndex(LETTERS.length, random)], LETTERS[randomIndex(LETTERS.length, random)]);
  chars.push(DIGITS[randomIndex(DIGITS.length, random)], DIGITS[randomIndex(DIGITS.length, random)]);
  while (chars.length < n) chars.push(ALL[randomIndex(ALL.length, random)]);
  // Fisher-Yates so the guaranteed characters are not always in front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1, random);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/** The same rule the server applies, to give feedback before the round trip. */
export function passwordProblem(password: string): 'required' | 'length' | 'weak' | null {
  if (!password) return 'required';
  const bytes = new TextEncoder().encode(password).length;
  if (password.length < 8 || bytes > 72) return 'length';
  if (!/\p{L}/u.test(password) || !/\p{Nd}/u.test(password)) return 'weak';
  return null;
}
