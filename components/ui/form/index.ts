// The one form kit: every form of the portal is an ActionForm with these fields.
export { ActionForm } from './action-form';
export { schemaHints, type FormHints } from './hints';
export type { FormAction } from './form-root';
export { SubmitButton } from './submit-button';
export { TextField, TextAreaField, SelectField, CheckboxField, inputClass, type Option } from './field';
export { DateField, DateTimeField } from './date-field';
export { CheckboxGroup, RadioGroup, FileField } from './choice-fields';
export { Combobox, PersonPicker, type LookupKind, type PickerOption } from './combobox';
export { ConfirmAction } from './confirm-action';
export { ToastProvider, useToast } from './toast';
