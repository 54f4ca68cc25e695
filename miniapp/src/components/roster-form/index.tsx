import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CadreNatures, positionsFor, type OrgType, type RosterItem } from '@tj/shared';
import { useForm } from '../../hooks/use-form';
import { checkRosterCreate, checkRosterUpdate, emptyRosterFormValues, rosterFormValuesFrom, type RosterCreate, type RosterFormValues, type RosterUpdate } from '../../services/roster';
import { RosterFieldLabels } from '../../labels/roster';
import { ChoiceField, FormError, FormSection, SelectField, StaticField, SwitchField, TextField, optionsOf } from '../form-field';

export type RosterFormProps =
  | { mode: 'create'; orgType: OrgType; onSubmit: (body: RosterCreate) => Promise<void> }
  | { mode: 'edit'; orgType: OrgType; entry: RosterItem; onSubmit: (body: RosterUpdate) => Promise<void> };

/** §6.1 one roster line: entering a cadre, or changing phone / position / operator flag. */
export function RosterForm(props: RosterFormProps) {
  const editing = props.mode === 'edit';
  // Name and ID number are fixed once entered: a problem with them goes under the form.
  const shown = editing ? new Set(['phone', 'position', 'isOperator', 'cadreNature']) : undefined;
  const form = useForm<RosterFormValues, RosterCreate | RosterUpdate>(
    () => (props.mode === 'edit' ? rosterFormValuesFrom(props.entry) : emptyRosterFormValues()),
    (v) => (props.mode === 'create' ? checkRosterCreate(v, props.orgType) : checkRosterUpdate(v, props.orgType)),
    { shown },
  );
  const { values, errors, submitting } = form;

  const set =
    <K extends keyof RosterFormValues>(field: K) =>
    (value: RosterFormValues[K]) =>
      form.set(field)(value);

  const submit = () =>
    form.submit(async (body) => {
      if (props.mode === 'create') await props.onSubmit(body as RosterCreate);
      else await props.onSubmit(body);
    });

  return (
    <View data-testid='roster-form'>
      <FormSection title='团干部信息'>
        {props.mode === 'edit' ? (
          <>
            <StaticField label={RosterFieldLabels.name} value={props.entry.name} testId='roster-name' />
            <StaticField label={RosterFieldLabels.idNumber} value={props.entry.idNumberMasked} testId='roster-idNumber' />
          </>
        ) : (
          <>
            <TextField label={RosterFieldLabels.name} required value={values.name} onChange={set('name')} error={errors.name} maxLength={30} testId='roster-name' />
            <TextField
              label={RosterFieldLabels.idNumber}
              required
              type='idcard'
              value={values.idNumber}
              onChange={set('idNumber')}
              error={errors.idNumber}
              maxLength={18}
              testId='roster-idNumber'
            />
          </>
        )}
        <TextField
          label={RosterFieldLabels.phone}
          required={!editing}
          type='number'
          value={values.phone}
          onChange={set('phone')}
          error={errors.phone}
          maxLength={11}
          placeholder={props.mode === 'edit' ? `已填写 ${props.entry.phoneMasked}，不修改请留空` : undefined}
          hint='团干部使用此手机号入驻'
          testId='roster-phone'
        />
        <SelectField
          label={RosterFieldLabels.position}
          required
          value={values.position}
          options={optionsOf(positionsFor(props.orgType))}
          onChange={set('position')}
          error={errors.position}
          testId='roster-position'
        />
        <ChoiceField
          label={RosterFieldLabels.cadreNature}
          value={values.cadreNature}
          options={optionsOf(CadreNatures)}
          onChange={set('cadreNature')}
          error={errors.cadreNature}
          clearable
          testId='roster-cadreNature'
        />
        <SwitchField
          label={RosterFieldLabels.isOperator}
          value={values.isOperator}
          onChange={set('isOperator')}
          description='运营者可审核团员报到资料、设置组织代称'
          error={errors.isOperator}
          testId='roster-isOperator'
        />
      </FormSection>

      <FormError message={errors['']} testId='roster-form-error' />

      <View className='admin-actions'>
        <Button type='primary' block size='large' loading={submitting} disabled={submitting} onClick={submit} data-testid='roster-submit'>
          {editing ? '保存修改' : '录入'}
        </Button>
      </View>
    </View>
  );
}
