import { makeResidentIdNumber } from '@formwork/definitions';
import { hashString } from './prng.js';

/**
 * Hands out resident ID numbers that never repeat within one allocator: the 3-digit sequence is
 * unique per region, birth date and sex (odd for men, even for women, as GB 11643 has it). The
 * order of sequences is a seed-dependent permutation, so runs with different seeds rarely reuse
 * each other's numbers. Memory grows with distinct (region, birth date, sex) triples, not with
 * the number of residents: at most 500 residents share one triple.
 */
export class ResidentIdAllocator {
  readonly #used = new Map<string, number>();

  constructor(private readonly seed: number) {}

  /** The next unused number for the triple, or undefined when all 500 are taken. */
  allocate(region: string, birthDate: string, sex: 'male' | 'female'): string | undefined {
    const key = `${region}${birthDate}${sex === 'male' ? 1 : 0}`;
    const n = this.#used.get(key) ?? 0;
    if (n >= 500) return undefined;
    this.#used.set(key, n + 1);
    const offset = hashString(`${this.seed}:${key}`) % 500;
    // 37 is coprime to 500, so n → (37n + offset) mod 500 is a permutation of 0…499.
    const slot = (n * 37 + offset) % 500;
    return makeResidentIdNumber(region, birthDate, slot * 2 + (sex === 'male' ? 1 : 0));
  }
}
