import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { DatePicker, Radio } from '@nutui/nutui-react-taro';
import { FormField } from '../form-field';
import './index.css';

/** Fields of the certification form the shared form-field set lacks: a date and 是/否. */

interface Common {
  label: string;
  required?: boolean;
  error?: string;
  hint?: string;
  testId: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const toDate = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) : undefined);

/** 'YYYY-MM-DD' with NutUI's DatePicker (出生日期, 注册志愿者时间). */
export function DateField({ value, onChange, startYear = 1950, ...field }: Common & { value: string; onChange: (v: string) => void; startYear?: number }) {
  const [open, setOpen] = useState(false);
  const now = new Date();
  const current = toDate(value);
  return (
    <FormField {...field}>
      <View className='tj-select' onClick={() => setOpen(true)} data-testid={field.testId}>
        <Text className={value ? 'tj-select__value' : 'tj-select__placeholder'}>
          {current ? `${value.slice(0, 4)}年${value.slice(5, 7)}月${value.slice(8, 10)}日` : `请选择${field.label}`}
        </Text>
        <Text className='tj-select__arrow'>›</Text>
      </View>
      <DatePicker
        type='date'
        title={field.label}
        visible={open}
        showChinese
        startDate={new Date(startYear, 0, 1)}
        endDate={now}
        value={current}
        defaultValue={current ?? new Date(now.getFullYear() - 18, 0, 1)}
        onConfirm={(_, values) => {
          const [y, m, d] = values.map(Number);
          if (y && m && d) onChange(`${y}-${pad(m)}-${pad(d)}`);
        }}
        onClose={() => setOpen(false)}
      />
    </FormField>
  );
}

/** 是 / 否 as two radios (the real form's wording); '' until chosen. */
export function YesNoField({ value, onChange, ...field }: Common & { value: string; onChange: (v: 'yes' | 'no') => void }) {
  return (
    <FormField {...field}>
      <View data-testid={field.testId}>
        <Radio.Group className='tj-yes-no' direction='horizontal' value={value} onChange={(v) => onChange(v === 'yes' ? 'yes' : 'no')}>
          {/* The wrappers carry the test ids: NutUI's Radio does not pass them on in H5. */}
          <View data-testid={`${field.testId}-yes`}>
            <Radio value='yes'>是</Radio>
          </View>
          <View data-testid={`${field.testId}-no`}>
            <Radio value='no'>否</Radio>
          </View>
        </Radio.Group>
      </View>
    </FormField>
  );
}
