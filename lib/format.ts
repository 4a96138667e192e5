/** An enum value as words: PARTIALLY_COMPLIANT -> "Partially compliant". */
export function enumLabel(value: string): string {
  return value.replace(/_/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase());
}
