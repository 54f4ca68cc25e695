import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  BranchCategories,
  ErrorMessages,
  IndustryCategories,
  OrgTypes,
  allowedChildTypes,
  isKeyOf,
  proposeFullName,
  requiredOrgFields,
  type OrgCreate,
  type OrgDetail,
  type OrgType,
  type OrgUpdate,
} from '@tj/shared';
import { useForm } from '../../hooks/use-form';
import { STAFFING_FIELDS, checkOrgCreate, checkOrgUpdate, emptyOrgFormValues, orgFormSections, orgFormValuesFrom, orgTypeOf, type OrgFormValues } from '../../services/orgs';
import { OrgFieldLabels, type OrgField } from '../../labels/org';
import { ChoiceField, FormError, FormSection, SelectField, StaticField, TextField, optionsOf } from '../form-field';
import './index.css';

/** §3.2 short-name shapes with the documents' own examples. */
const SHORT_NAME_EXAMPLES: Record<OrgType, string> = {
  leadingOrgan: '“团+行政区划名称+委”，如：团广州市委、团天河区委',
  grassrootsCommittee: '以“团委”结尾，如：中山大学团委',
  workingCommittee: '以“团工委”结尾，如：广东省直机关团工委',
  generalBranch: '以“团总支”结尾，如：金宁社区团总支',
  branch: '以“团支部”结尾，如：新河浦社区团支部、计算机专业2017级3班团支部',
};

/** Editing: the names the superior left empty, which the org's own admin gives once (004 §二(一)3). */
interface Completing {
  fullName: boolean;
  industry: boolean;
}

const typeOfValues = (v: OrgFormValues): OrgType | '' => (isKeyOf(OrgTypes, v.type) ? v.type : '');

// A problem on a field this form does not show (e.g. a name on edit) goes under the form.
function shownFields(type: OrgType | '', editing: boolean, completing: Completing): ReadonlySet<string> {
  const sections = orgFormSections(type);
  return new Set<string>([
    ...(editing ? [] : ['type', 'shortName', 'fullName', 'industry']),
    ...(completing.fullName ? ['fullName'] : []),
    ...(completing.industry ? ['industry'] : []),
    ...(sections.branchCategory ? ['branchCategory'] : []),
    'secretaryName',
    'secretaryIdNumber',
    'secretaryPhone',
    ...(sections.staffing ? STAFFING_FIELDS : []),
    'youthCount',
    'partyRecommendedCount',
    'sortOrder',
  ]);
}

export type OrgFormProps =
  { mode: 'create'; parentType: OrgType; onSubmit: (body: OrgCreate) => Promise<void> } | { mode: 'edit'; org: OrgDetail; onSubmit: (body: OrgUpdate) => Promise<void> };

/**
 * §3.3 one form for creating a sub-org and editing an org. Creating: the type is limited
 * to what the parent may contain (§3.1) and the full name is proposed from the short name
 * until the user edits it (§3.2). Editing: type, names and industry are shown, not editable.
 */
export function OrgForm(props: OrgFormProps) {
  const editing = props.mode === 'edit';
  const typeOptions = props.mode === 'create' ? allowedChildTypes(props.parentType) : [];
  const [fullNameEdited, setFullNameEdited] = useState(false);
  const completing: Completing = {
    fullName: props.mode === 'edit' && props.org.missingFields.includes('fullName'),
    industry: props.mode === 'edit' && props.org.industry === null && orgTypeOf(props.org) !== 'leadingOrgan',
  };
  const form = useForm<OrgFormValues, OrgCreate | OrgUpdate>(
    () => {
      if (props.mode === 'edit') return orgFormValuesFrom(props.org);
      const initial = emptyOrgFormValues();
      if (typeOptions.length === 1 && typeOptions[0]) initial.type = typeOptions[0];
      return initial;
    },
    (v) => (props.mode === 'create' ? checkOrgCreate(v, props.parentType) : checkOrgUpdate(v, props.org)),
    { shown: (v) => shownFields(editing ? orgTypeOf(props.org) : typeOfValues(v), editing, completing) },
  );
  const { values, setValues, errors, setErrors, submitting } = form;

  const type: OrgType | '' = editing ? orgTypeOf(props.org) : typeOfValues(values);
  const sections = orgFormSections(type);
  // 004 §二(一)3: creating, the superior gives 组织简称 and 组织类别 only; editing, the fields of
  // 004 (2.1) for the type are required, and names left empty are completed here once.
  const required = new Set<string>(editing && type ? requiredOrgFields(type) : ['type', 'shortName']);

  const change = (field: OrgField) => (value: string) => {
    setValues((v) => {
      const next = { ...v, [field]: value };
      // The proposal follows short name and type until the user writes their own full name.
      if (!editing && !fullNameEdited && (field === 'shortName' || field === 'type')) {
        const t = isKeyOf(OrgTypes, next.type) ? next.type : undefined;
        next.fullName = t && next.shortName.trim() ? proposeFullName(next.shortName, t) : '';
      }
      return next;
    });
    if (field === 'fullName') setFullNameEdited(value.trim() !== '');
    setErrors((e) => ({ ...e, [field]: undefined, '': undefined }));
  };

  const submit = () =>
    form.submit(async (body) => {
      if (props.mode === 'create') await props.onSubmit(body as OrgCreate);
      else await props.onSubmit(body as OrgUpdate);
    });

  const text = (field: OrgField, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField label={OrgFieldLabels[field]} value={values[field]} onChange={change(field)} error={errors[field]} testId={`org-${field}`} {...extra} />
  );

  return (
    <View className='org-form' data-testid='org-form'>
      <View className='org-form__notice'>
        <Text>
          {ErrorMessages.ORG_FIELD_IMMUTABLE}
          {editing ? '。' : '，请仔细核对后保存。'}
        </Text>
        {!editing ? <Text data-testid='org-form-own-admin-note'>只需填写组织类别和组织简称，其他信息可由该组织管理员登录后填写完善。</Text> : null}
      </View>

      <FormSection title='基本信息'>
        {props.mode === 'create' ? (
          <>
            <ChoiceField
              label={OrgFieldLabels.type}
              required
              value={values.type}
              options={optionsOf(OrgTypes, typeOptions)}
              onChange={change('type')}
              error={errors.type}
              testId='org-type'
            />
            {text('shortName', { required: true, maxLength: 100, multiline: true, hint: type ? SHORT_NAME_EXAMPLES[type] : '请先选择组织类别' })}
            {text('fullName', {
              maxLength: 100,
              multiline: true,
              placeholder: '根据组织简称自动生成',
              hint: '系统根据组织简称生成，请核对，如有不符可直接修改',
            })}
            <SelectField
              label={OrgFieldLabels.industry}
              value={values.industry}
              options={optionsOf(IndustryCategories)}
              onChange={change('industry')}
              error={errors.industry}
              testId='org-industry'
            />
          </>
        ) : (
          <>
            <StaticField label={OrgFieldLabels.type} value={OrgTypes[orgTypeOf(props.org)]} testId='org-type' />
            <StaticField label={OrgFieldLabels.shortName} value={props.org.shortName} testId='org-shortName' />
            {completing.fullName ? (
              text('fullName', { required: true, maxLength: 100, multiline: true, hint: '系统根据组织简称生成，请核对，保存后不可修改' })
            ) : (
              <StaticField label={OrgFieldLabels.fullName} value={props.org.fullName} testId='org-fullName' />
            )}
            {completing.industry ? (
              <SelectField
                label={OrgFieldLabels.industry}
                required
                value={values.industry}
                options={optionsOf(IndustryCategories)}
                onChange={change('industry')}
                error={errors.industry}
                testId='org-industry'
              />
            ) : props.org.industry ? (
              <StaticField
                label={OrgFieldLabels.industry}
                value={isKeyOf(IndustryCategories, props.org.industry) ? IndustryCategories[props.org.industry] : props.org.industry}
                testId='org-industry'
              />
            ) : null}
          </>
        )}
        {sections.branchCategory ? (
          <SelectField
            label={OrgFieldLabels.branchCategory}
            value={values.branchCategory}
            options={optionsOf(BranchCategories)}
            onChange={change('branchCategory')}
            error={errors.branchCategory}
            testId='org-branchCategory'
            placeholder='普通团支部可不选'
          />
        ) : null}
      </FormSection>

      <FormSection title='团组织书记'>
        {text('secretaryName', { required: required.has('secretaryName'), maxLength: 30 })}
        {text('secretaryIdNumber', {
          required: editing && !props.org.secretaryIdMasked,
          type: 'idcard',
          maxLength: 18,
          placeholder: editing && props.org.secretaryIdMasked ? `已填写 ${props.org.secretaryIdMasked}` : undefined,
          hint: editing ? '如需更换书记身份证号码请重新输入，不修改请留空' : undefined,
        })}
        {text('secretaryPhone', {
          required: required.has('secretaryPhone'),
          type: 'number',
          maxLength: 11,
          placeholder: editing && values.secretaryPhone === '' && props.org.secretaryPhone ? `已填写 ${props.org.secretaryPhone}` : undefined,
        })}
      </FormSection>

      {sections.staffing ? (
        <FormSection title='联系方式与编制' testId='org-staffing'>
          {text('contactPhone', { required: required.has('contactPhone'), maxLength: 20, placeholder: '手机或固定电话，如 020-12345678' })}
          {text('email', { required: required.has('email'), maxLength: 100 })}
          {text('adminStaffQuota', { required: required.has('adminStaffQuota'), type: 'number', maxLength: 6, hint: '没有请填0' })}
          {text('adminStaffActual', { required: required.has('adminStaffActual'), type: 'number', maxLength: 6 })}
          {text('institutionStaffQuota', { required: required.has('institutionStaffQuota'), type: 'number', maxLength: 6, hint: '没有请填0' })}
          {text('institutionStaffActual', { required: required.has('institutionStaffActual'), type: 'number', maxLength: 6 })}
        </FormSection>
      ) : null}

      <FormSection title='选填信息'>
        {text('youthCount', { type: 'number', maxLength: 5, placeholder: '不超过10000' })}
        {text('partyRecommendedCount', { type: 'number', maxLength: 4, placeholder: '不超过1000' })}
        {text('sortOrder', { type: 'number', maxLength: 6, placeholder: '数字越小越靠前' })}
      </FormSection>

      <FormError message={errors['']} testId='org-form-error' />

      <View className='org-form__actions'>
        <Button type='primary' block size='large' loading={submitting} disabled={submitting} onClick={submit} data-testid='org-submit'>
          {editing ? '保存修改' : '创建组织'}
        </Button>
      </View>
    </View>
  );
}
