/** The rate as the API gives it: a percent with one decimal, null when the denominator is 0. */
export function ratePercent(numerator: number, denominator: number): number | null {
  if (!(denominator > 0)) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
}
