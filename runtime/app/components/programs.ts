/** The programmes a resident is managed in (the engine's enrollment programmes). */
export const PROGRAMS = ['hypertension', 'diabetes', 'pregnancy'] as const;
export type Program = (typeof PROGRAMS)[number];

/** The message key naming a programme; one the app does not know yet is named as such. */
export function programKey(program: string): string {
  return (PROGRAMS as readonly string[]).includes(program)
    ? `resident.program.${program}`
    : 'resident.program.other';
}
