import { View } from '@tarojs/components';
import { Radio } from '@nutui/nutui-react-taro';
import { DateField as BaseDateField, FormField } from '../form-field';
import './index.css';

/** Fields of the certification form the shared form-field set lacks: 是/否, and its dates' defaults. */

interface Common {
  label: string;
  required?: boolean;
  error?: string;
  hint?: string;
  testId: string;
}

/** 出生日期 / 注册志愿者时间: the shared date field, from 1950 by default, opening 18 years back. */
export function DateField({ startYear = 1950, ...props }: Common & { value: string; onChange: (v: string) => void; startYear?: number }) {
  return <BaseDateField startYear={startYear} openYearsAgo={18} {...props} />;
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
