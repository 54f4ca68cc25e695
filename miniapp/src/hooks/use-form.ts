import { useState, type Dispatch, type SetStateAction } from 'react';
import type { z } from 'zod';
import { toApiError } from '../services/api-error';
import { checkWith, fieldErrorsOf, type Checked, type FieldErrors } from '../services/form-check';

/** A shared zod schema run on the values as they are, or a check that shapes them first (trim, '' → undefined). */
export type FormCheck<V, T> = z.ZodType<T> | ((values: V) => Checked<T>);

export interface Form<V, T> {
  values: V;
  setValues: Dispatch<SetStateAction<V>>;
  /** Per field the Chinese message of the shared schema or the server; '' is the form's own. */
  errors: FieldErrors;
  setErrors: (update: FieldErrors | ((errors: FieldErrors) => FieldErrors)) => void;
  /** An input's onChange: stores the value and clears that field's and the form's error. */
  set: (field: keyof V & string) => (value: V[keyof V & string]) => void;
  submitting: boolean;
  /**
   * Checks like the server, then runs `send` with the checked body. A refusal lands at its
   * field when the form has one, else at the form.
   */
  submit: (send: (data: T) => Promise<void>) => Promise<void>;
}

export interface FormOptions<V> {
  /**
   * The fields the form shows now. A problem with any other (a name fixed after creation)
   * is shown under the form instead of at a field nobody sees. Default: every field of the values.
   */
  shown?: ReadonlySet<string> | ((values: V) => ReadonlySet<string>);
}

/** The state every form of the mini-program repeats: values, per-field errors, submitting. */
export function useForm<V extends object, T>(initial: () => V, check: FormCheck<V, T>, options: FormOptions<V> = {}): Form<V, T> {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);

  const set = (field: keyof V & string) => (value: V[keyof V & string]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined, '': undefined }));
  };

  const place = (found: FieldErrors): FieldErrors => {
    const shown = typeof options.shown === 'function' ? options.shown(values) : options.shown;
    const isShown = (field: string) => (shown ? shown.has(field) : field in values);
    const out: FieldErrors = {};
    for (const [field, message] of Object.entries(found)) {
      const at = isShown(field) ? field : '';
      if (out[at] === undefined) out[at] = message;
    }
    return out;
  };

  const submit = async (send: (data: T) => Promise<void>) => {
    const checked = typeof check === 'function' ? check(values) : checkWith(check, values);
    if (!checked.ok) return setErrors(place(checked.errors));
    setErrors({});
    setSubmitting(true);
    try {
      await send(checked.data);
    } catch (e) {
      setErrors(place(fieldErrorsOf(toApiError(e))));
    } finally {
      setSubmitting(false);
    }
  };

  return { values, setValues, errors, setErrors, set, submitting, submit };
}
