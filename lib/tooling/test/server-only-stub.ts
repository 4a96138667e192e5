// Stands in for the `server-only` package under vitest, where server modules
// are imported outside a React server bundle on purpose.
export {};
