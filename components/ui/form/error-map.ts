import { z } from 'zod';

/**
 * The one zod error map: messages a person can act on, without the field's
 * name (the form puts the field's label in front) and without zod's
 * internals ("expected string, received undefined"). Schemas that give their
 * own message keep it; this only replaces zod's defaults.
 */
export const formErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return 'This field is required.';
      return `Enter ${TYPE_WORDS[issue.expected] ?? 'a valid value'}.`;
    case 'too_big':
      return tooBig(issue.origin, Number(issue.maximum), issue.inclusive !== false);
    case 'too_small':
      return tooSmall(issue.origin, Number(issue.minimum), issue.inclusive !== false, issue.input);
    case 'invalid_format':
      return `Enter ${FORMAT_WORDS[issue.format] ?? 'a value in the expected format'}.`;
    case 'invalid_value':
      return issue.values.length <= 6 ? `Choose one of: ${issue.values.map(String).join(', ')}.` : 'Choose one of the listed options.';
    case 'not_multiple_of':
      return `Enter a multiple of ${String(issue.divisor)}.`;
    case 'unrecognized_keys':
      return `Remove the unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}.`;
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return 'Enter a valid value.';
    default:
      return undefined;
  }
};

const TYPE_WORDS: Record<string, string> = {
  string: 'some text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no',
  date: 'a valid date',
  array: 'a list',
  object: 'the details',
  bigint: 'a whole number',
};

const FORMAT_WORDS: Record<string, string> = {
  email: 'an email address, like name@example.com',
  url: 'a web address starting with https://',
  uuid: 'a valid identifier',
  cuid: 'a valid identifier',
  date: 'a date as YYYY-MM-DD',
  datetime: 'a date and time',
  time: 'a time',
  regex: 'a value in the expected format',
  starts_with: 'a value with the expected beginning',
  ends_with: 'a value with the expected ending',
};

const n = (value: number) => value.toLocaleString('en');

function tooBig(origin: string, max: number, inclusive: boolean): string {
  const limit = inclusive ? max : max - 1;
  switch (origin) {
    case 'string':
      return `Use at most ${n(limit)} character${limit === 1 ? '' : 's'}.`;
    case 'array':
    case 'set':
      return `Choose at most ${n(limit)}.`;
    case 'file':
      return `The file must be at most ${n(max / 1024 / 1024)} MB.`;
    case 'date':
      return `Enter a date on or before ${new Date(max).toISOString().slice(0, 10)}.`;
    default:
      return inclusive ? `Enter ${n(max)} or less.` : `Enter less than ${n(max)}.`;
  }
}

function tooSmall(origin: string, min: number, inclusive: boolean, input: unknown): string {
  const limit = inclusive ? min : min + 1;
  switch (origin) {
    case 'string':
      return input === '' || limit <= 1 ? 'This field is required.' : `Use at least ${n(limit)} characters.`;
    case 'array':
    case 'set':
      return limit <= 1 ? 'Choose at least one.' : `Choose at least ${n(limit)}.`;
    case 'date':
      return `Enter a date on or after ${new Date(min).toISOString().slice(0, 10)}.`;
    default:
      return inclusive ? `Enter ${n(min)} or more.` : `Enter more than ${n(min)}.`;
  }
}

/** Makes the map zod's default for this process (server start-up and the browser). */
export function installFormErrorMap() {
  z.config({ customError: formErrorMap });
}
