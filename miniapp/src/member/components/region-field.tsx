import { useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Picker, type PickerOption } from '@nutui/nutui-react-taro';
import { useCascaderAreaData as cascaderAreaData } from '@vant/area-data';
import { regionName } from '@tj/shared';
import { FormField } from '../../components/form-field';

/**
 * §4.1 所属地区: province → city → county from @vant/area-data (the maintained GB/T 2260
 * data set Vant publishes), never a hand-typed list. The value is the county's 6-digit code.
 */

type AreaNode = { text: string; value: string; children?: AreaNode[] };

const toOptions = (nodes: AreaNode[]): PickerOption[] => nodes.map((n) => ({ label: n.text, value: n.value, ...(n.children?.length ? { children: toOptions(n.children) } : {}) }));

// The province of the real system (广东) is where most users are: start the wheels there.
const DEFAULT_PATH = ['440000', '440100', '440106'];

interface RegionFieldProps {
  value: string;
  onChange: (code: string) => void;
  error?: string;
  testId: string;
}

export function RegionField({ value, onChange, error, testId }: RegionFieldProps) {
  const [open, setOpen] = useState(false);
  const options = useMemo(() => toOptions(cascaderAreaData() as AreaNode[]), []);
  const path = /^\d{6}$/.test(value) ? [`${value.slice(0, 2)}0000`, `${value.slice(0, 4)}00`, value] : DEFAULT_PATH;
  const name = regionName(value);
  return (
    <FormField label='所属地区' required error={error} testId={testId}>
      <View className='tj-select' onClick={() => setOpen(true)} data-testid={testId}>
        <Text className={name ? 'tj-select__value' : 'tj-select__placeholder'}>{name || '请选择省 / 市 / 区县'}</Text>
        <Text className='tj-select__arrow'>›</Text>
      </View>
      <Picker
        visible={open}
        title='所属地区'
        options={[options]}
        defaultValue={path}
        onConfirm={(_, values) => {
          const code = [...values].reverse().find((v) => typeof v === 'string' && /^\d{6}$/.test(v));
          if (typeof code === 'string') onChange(code);
        }}
        onClose={() => setOpen(false)}
      />
    </FormField>
  );
}
