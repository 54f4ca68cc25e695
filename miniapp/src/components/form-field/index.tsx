import { useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, DatePicker, Input, Picker, Switch, TextArea } from '@nutui/nutui-react-taro';
import { isValidDate, isValidMonth, monthOf, todayInChina } from '@tj/shared';
import { FieldError } from './errors';
import './index.css';

export { FieldError, FormError } from './errors';

/**
 * Form fields laid out for a 375-px phone: label on top, the control, then either a hint or
 * the error for that field (the shared schema's message, or the server's `field` error).
 * Test ids: `<testId>` on the control, `<testId>-error` on the error text.
 */
interface FieldProps {
  label: string;
  /** Label and value on one line (read-only values). */
  inline?: boolean;
  required?: boolean;
  error?: string;
  hint?: ReactNode;
  testId: string;
  children: ReactNode;
}

export function FormField({ label, inline, required, error, hint, testId, children }: FieldProps) {
  return (
    <View className={`tj-field${inline ? ' tj-field--static' : ''}${error ? ' tj-field--error' : ''}`} data-field={testId}>
      <View className='tj-field__label'>
        {required ? <Text className='tj-field__star'>*</Text> : null}
        <Text>{label}</Text>
      </View>
      <View className='tj-field__control'>{children}</View>
      {error ? <FieldError message={error} testId={`${testId}-error`} /> : hint ? <Text className='tj-field__hint'>{hint}</Text> : null}
    </View>
  );
}

/** A white card holding fields, with an optional section title above it. */
export function FormSection({ title, children, testId }: { title?: string; children: ReactNode; testId?: string }) {
  return (
    <View className='tj-form-section' data-testid={testId}>
      {title ? <Text className='tj-form-section__title'>{title}</Text> : null}
      <View className='tj-form-section__card'>{children}</View>
    </View>
  );
}

type Common = Omit<FieldProps, 'children'>;

interface TextFieldProps extends Common {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  type?: 'text' | 'number' | 'digit' | 'idcard' | 'password';
  maxLength?: number;
  disabled?: boolean;
  name?: string;
  /** Long text (an org's full name): a text area that grows with it, so nothing is cut off. */
  multiline?: boolean;
}

export function TextField({ value, onChange, placeholder, type = 'text', maxLength, disabled, name, multiline, ...field }: TextFieldProps) {
  if (multiline) {
    return (
      <FormField {...field}>
        <TextArea
          className='tj-input tj-textarea'
          value={value}
          onChange={onChange}
          placeholder={placeholder ?? `请输入${field.label}`}
          maxLength={maxLength}
          disabled={disabled}
          rows={1}
          autoSize
          data-testid={field.testId}
        />
      </FormField>
    );
  }
  return (
    <FormField {...field}>
      <Input
        className='tj-input'
        type={type}
        name={name ?? field.testId}
        value={value}
        onChange={onChange}
        placeholder={placeholder ?? `请输入${field.label}`}
        maxLength={maxLength}
        disabled={disabled}
        clearable={!disabled}
        data-testid={field.testId}
      />
    </FormField>
  );
}

/** Read-only value in the field layout (immutable fields when editing). */
export function StaticField({ value, ...field }: Common & { value: ReactNode }) {
  return (
    <FormField {...field} inline>
      <Text className='tj-static' data-testid={field.testId}>
        {value}
      </Text>
    </FormField>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** Turns an `as const` label map of @tj/shared (OrgTypes, IndustryCategories …) into options. */
export const optionsOf = (labels: Readonly<Record<string, string>>, only?: readonly string[]): Option[] =>
  (only ?? Object.keys(labels)).map((value) => ({ value, label: labels[value] ?? value }));

interface SelectFieldProps extends Common {
  value: string;
  options: Option[];
  onChange: (value: string) => void;
  placeholder?: string;
}

/** A NutUI Picker behind a tappable line showing the chosen label (long lists). */
export function SelectField({ value, options, onChange, placeholder, ...field }: SelectFieldProps) {
  const [open, setOpen] = useState(false);
  const chosen = options.find((o) => o.value === value);
  return (
    <FormField {...field}>
      <View className='tj-select' onClick={() => setOpen(true)} data-testid={field.testId}>
        <Text className={chosen ? 'tj-select__value' : 'tj-select__placeholder'}>{chosen ? chosen.label : (placeholder ?? `请选择${field.label}`)}</Text>
        <Text className='tj-select__arrow'>›</Text>
      </View>
      <Picker
        visible={open}
        title={field.label}
        options={[options]}
        value={value ? [value] : []}
        onConfirm={(_, values) => {
          // Confirming without scrolling takes the highlighted first option, as it shows.
          const picked = values[0] ?? options[0]?.value;
          if (picked !== undefined && picked !== null) onChange(String(picked));
        }}
        onClose={() => setOpen(false)}
        data-testid={`${field.testId}-picker`}
      />
    </FormField>
  );
}

interface ChoiceFieldProps extends Common {
  value: string;
  options: Option[];
  onChange: (value: string) => void;
  /** Tapping the chosen option again clears it (optional fields). */
  clearable?: boolean;
}

/** A few options as buttons, all visible at once (org type, cadre nature). */
export function ChoiceField({ value, options, onChange, clearable, ...field }: ChoiceFieldProps) {
  return (
    <FormField {...field}>
      <View className='tj-choices' data-testid={field.testId}>
        {options.map((o) => {
          const active = o.value === value;
          return (
            <Button
              key={o.value}
              className='tj-choice'
              size='small'
              type={active ? 'primary' : 'default'}
              fill={active ? 'solid' : 'outline'}
              onClick={() => onChange(active && clearable ? '' : o.value)}
              data-testid={`${field.testId}-${o.value}`}
            >
              {o.label}
            </Button>
          );
        })}
      </View>
    </FormField>
  );
}

export function SwitchField({ value, onChange, description, ...field }: Common & { value: boolean; onChange: (v: boolean) => void; description?: string }) {
  return (
    <FormField {...field}>
      <View className='tj-switch-row'>
        <Text className='tj-switch-row__text'>{description}</Text>
        <Switch checked={value} onChange={onChange} data-testid={field.testId} />
      </View>
    </FormField>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

const monthDate = (m: string) => new Date(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1);

/**
 * 'YYYY-MM' with NutUI's year-month DatePicker (入团年月, 任现职年月 …). Empty until the person
 * picks: the picker opens at `initial` (a likely month), not at this month, so confirming
 * without looking does not fill in today; it ends at this month in China time, the same
 * "now" the shared rules refuse anything after (JOINED_AT_FUTURE, MONTH_IN_FUTURE).
 */
export function MonthField({ value, onChange, initial, endMonth, ...field }: Common & { value: string; onChange: (v: string) => void; initial?: string; endMonth?: string }) {
  const [open, setOpen] = useState(false);
  // `endMonth`: a month that may lie ahead (预计毕业时间), instead of this month
  const latest = endMonth && isValidMonth(endMonth) ? endMonth : monthOf(todayInChina());
  const current = isValidMonth(value) ? monthDate(value) : undefined;
  const start = initial && isValidMonth(initial) && initial <= latest ? initial : latest;
  return (
    <FormField {...field}>
      <View className='tj-select' onClick={() => setOpen(true)} data-testid={field.testId}>
        <Text className={value ? 'tj-select__value' : 'tj-select__placeholder'}>{value ? `${value.slice(0, 4)}年${value.slice(5, 7)}月` : `请选择${field.label}`}</Text>
        <Text className='tj-select__arrow'>›</Text>
      </View>
      <DatePicker
        // NutUI reads defaultValue once: a new start (the ID number typed after the page
        // opened) mounts a new picker, or it would still open at this month.
        key={current ? 'value' : start}
        type='year-month'
        title={field.label}
        visible={open}
        showChinese
        startDate={new Date(1950, 0, 1)}
        endDate={monthDate(latest)}
        value={current}
        defaultValue={current ?? monthDate(start)}
        onConfirm={(_, values) => {
          const [y, m] = values.map(Number);
          const picked = y && m ? `${y}-${pad(m)}` : '';
          if (picked && picked <= latest) onChange(picked);
        }}
        onClose={() => setOpen(false)}
        data-testid={`${field.testId}-picker`}
      />
    </FormField>
  );
}

const dayDate = (d: string) => new Date(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));

/**
 * 'YYYY-MM-DD' with NutUI's date DatePicker (a meeting's date, 出生日期, 注册志愿者时间), from
 * `startYear` to today in China time — the same "today" the shared rules refuse anything after
 * (DATE_IN_FUTURE). An empty field opens `openYearsAgo` years back (a birth date: 18).
 */
export function DateField({
  value,
  onChange,
  startYear = 2000,
  openYearsAgo = 0,
  ...field
}: Common & { value: string; onChange: (v: string) => void; startYear?: number; openYearsAgo?: number }) {
  const [open, setOpen] = useState(false);
  const today = todayInChina();
  const current = isValidDate(value) ? dayDate(value) : undefined;
  const opensAt = openYearsAgo ? new Date(Number(today.slice(0, 4)) - openYearsAgo, 0, 1) : dayDate(today);
  return (
    <FormField {...field}>
      <View className='tj-select' onClick={() => setOpen(true)} data-testid={field.testId}>
        <Text className={value ? 'tj-select__value' : 'tj-select__placeholder'}>
          {value ? `${value.slice(0, 4)}年${value.slice(5, 7)}月${value.slice(8, 10)}日` : `请选择${field.label}`}
        </Text>
        <Text className='tj-select__arrow'>›</Text>
      </View>
      <DatePicker
        type='date'
        title={field.label}
        visible={open}
        showChinese
        startDate={new Date(startYear, 0, 1)}
        endDate={dayDate(today)}
        value={current}
        defaultValue={current ?? opensAt}
        onConfirm={(_, values) => {
          const [y, m, d] = values.map(Number);
          const picked = y && m && d ? `${y}-${pad(m)}-${pad(d)}` : '';
          if (picked && picked <= today) onChange(picked);
        }}
        onClose={() => setOpen(false)}
        data-testid={`${field.testId}-picker`}
      />
    </FormField>
  );
}
