// Words for keys no field labelled; never shown raw ("metrics.0.value:").

/** "metrics.0.value" under the field "metrics" → "row 1, value". */
export function describeSubPath(rest: string): string {
  return rest
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? `row ${Number(part) + 1}` : words(part).toLowerCase()))
    .join(', ');
}

/** A key nobody labelled, as words: "containMinutes" → "Contain minutes". */
export function words(key: string): string {
  const spaced = key.replace(/\[\]$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
