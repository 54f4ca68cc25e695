import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import {
  Educations,
  EthnicGroups,
  Genders,
  IdDocTypes,
  Incomes,
  Occupations,
  OrgPositions,
  PoliticalStatuses,
  isDevelopmentNumberRequired,
  isKeyOf,
  isMinor,
  isPartyStatus,
  isValidMonth,
  todayInChina,
  type CertStep,
} from '@tj/shared';
import { DateField, YesNoField } from '../../components/cert-fields';
import { ChoiceField, FieldError, FormSection, MonthField, SelectField, StaticField, TextField, optionsOf } from '../../components/form-field';
import type { FieldErrors } from '../../services/form-check';
import { derivedFromId, isMainlandId, type CertFormValues } from '../../services/checkin';
import { CertFieldLabels as L, type CertField } from '../../labels/checkin';

export interface StepFieldsProps {
  values: CertFormValues;
  errors: FieldErrors;
  set: (field: CertField) => (value: string) => void;
  /** The 所在团组织 field's content (the branch with its path, and 更换). */
  branch?: ReactNode;
}

const id = (field: CertField) => `cert-${field}`;

// The codes are strings like '01': sort them, or JS lists '10'…'56' (integer-like keys) first.
const ETHNIC_OPTIONS = optionsOf(EthnicGroups, Object.keys(EthnicGroups).sort());

/** Where the 入团年月 picker opens: the month one turned 14 (most join at 13–14), if known. */
const likelyJoinMonth = (birth: string | undefined) => (birth && /^\d{4}-\d{2}/.test(birth) ? `${Number(birth.slice(0, 4)) + 14}-${birth.slice(5, 7)}` : undefined);

function IdentityFields({ values, errors, set, branch }: StepFieldsProps) {
  const mainland = isMainlandId(values);
  const derived = mainland ? derivedFromId(values) : {};
  return (
    <FormSection title='身份信息'>
      <TextField label={L.name} required value={values.name} onChange={set('name')} error={errors.name} maxLength={30} testId={id('name')} />
      <SelectField label={L.idType} required value={values.idType} options={optionsOf(IdDocTypes)} onChange={set('idType')} error={errors.idType} testId={id('idType')} />
      <TextField
        label={L.idNumber}
        required
        type={mainland ? 'idcard' : 'text'}
        value={values.idNumber}
        onChange={set('idNumber')}
        error={errors.idNumber}
        maxLength={mainland ? 18 : 30}
        testId={id('idNumber')}
      />
      {mainland ? (
        <>
          <StaticField label={L.birthDate} value={derived.birthDate ?? '根据证件号码自动识别'} testId={id('birthDate')} />
          <StaticField label={L.gender} value={derived.gender ? Genders[derived.gender] : '根据证件号码自动识别'} testId={id('gender')} />
        </>
      ) : (
        <>
          <DateField label={L.birthDate} required value={values.birthDate} onChange={set('birthDate')} error={errors.birthDate} testId={id('birthDate')} />
          <ChoiceField label={L.gender} required value={values.gender} options={optionsOf(Genders)} onChange={set('gender')} error={errors.gender} testId={id('gender')} />
        </>
      )}
      <MonthField
        label={L.joinedAt}
        required
        value={values.joinedAt}
        onChange={set('joinedAt')}
        initial={likelyJoinMonth(derived.birthDate ?? (values.birthDate || undefined))}
        error={errors.joinedAt}
        testId={id('joinedAt')}
      />
      <View className='cert-branch' data-field={id('branchId')}>
        <View className='tj-field__label'>
          <Text className='tj-field__star'>*</Text>
          <Text>{L.branchId}</Text>
        </View>
        {branch}
        <FieldError message={errors.branchId} testId={`${id('branchId')}-error`} />
      </View>
    </FormSection>
  );
}

function LeagueFields({ values, errors, set }: StepFieldsProps) {
  const holds = values.holdsPosition === 'yes';
  const needsNumber = isValidMonth(values.joinedAt) && isDevelopmentNumberRequired(values.joinedAt, isMainlandId(values) ? values.idNumber : undefined);
  return (
    <FormSection title='团员信息'>
      <SelectField label={L.income} required value={values.income} options={optionsOf(Incomes)} onChange={set('income')} error={errors.income} testId={id('income')} />
      <YesNoField label={L.holdsPosition} required value={values.holdsPosition} onChange={set('holdsPosition')} error={errors.holdsPosition} testId={id('holdsPosition')} />
      {holds ? (
        <>
          <SelectField label={L.position} required value={values.position} options={optionsOf(OrgPositions)} onChange={set('position')} error={errors.position} testId={id('position')} />
          <MonthField label={L.positionSince} required value={values.positionSince} onChange={set('positionSince')} error={errors.positionSince} testId={id('positionSince')} />
        </>
      ) : null}
      <TextField
        label={L.developmentNumber}
        required={needsNumber}
        type='number'
        value={values.developmentNumber}
        onChange={set('developmentNumber')}
        error={errors.developmentNumber}
        maxLength={12}
        hint='12位数字，前四位为入团年份；2017年1月及以后入团的必填'
        testId={id('developmentNumber')}
      />
      <TextField label={L.joinUnit} required value={values.joinUnit} onChange={set('joinUnit')} error={errors.joinUnit} maxLength={100} testId={id('joinUnit')} />
    </FormSection>
  );
}

function ContactFields({ values, errors, set }: StepFieldsProps) {
  const party = isKeyOf(PoliticalStatuses, values.politicalStatus) && isPartyStatus(values.politicalStatus);
  const volunteer = values.isVolunteer === 'yes';
  const birth = derivedFromId(values).birthDate ?? (values.birthDate || undefined);
  const minor = birth ? isMinor(birth, todayInChina()) : false;
  return (
    <FormSection title='联系方式及背景'>
      <TextField label={L.phone} required type='number' value={values.phone} onChange={set('phone')} error={errors.phone} maxLength={11} testId={id('phone')} />
      <SelectField label={L.ethnicity} required value={values.ethnicity} options={ETHNIC_OPTIONS} onChange={set('ethnicity')} error={errors.ethnicity} testId={id('ethnicity')} />
      <SelectField
        label={L.politicalStatus}
        required
        value={values.politicalStatus}
        options={optionsOf(PoliticalStatuses)}
        onChange={set('politicalStatus')}
        error={errors.politicalStatus}
        testId={id('politicalStatus')}
      />
      {party ? <MonthField label={L.partyJoinedAt} required value={values.partyJoinedAt} onChange={set('partyJoinedAt')} error={errors.partyJoinedAt} testId={id('partyJoinedAt')} /> : null}
      <SelectField
        label={L.fullTimeEducation}
        required
        value={values.fullTimeEducation}
        options={optionsOf(Educations)}
        onChange={set('fullTimeEducation')}
        error={errors.fullTimeEducation}
        testId={id('fullTimeEducation')}
      />
      <SelectField
        label={L.highestEducation}
        required
        value={values.highestEducation}
        options={optionsOf(Educations)}
        onChange={set('highestEducation')}
        error={errors.highestEducation}
        testId={id('highestEducation')}
      />
      <YesNoField label={L.isVolunteer} required value={values.isVolunteer} onChange={set('isVolunteer')} error={errors.isVolunteer} testId={id('isVolunteer')} />
      {volunteer ? (
        <DateField
          label={L.volunteerSince}
          required
          value={values.volunteerSince}
          onChange={set('volunteerSince')}
          error={errors.volunteerSince}
          startYear={2000}
          testId={id('volunteerSince')}
        />
      ) : null}
      <TextField
        label={L.guardianContact}
        required={minor}
        value={values.guardianContact}
        onChange={set('guardianContact')}
        error={errors.guardianContact}
        maxLength={50}
        hint={minor ? '未满18周岁须填写' : undefined}
        placeholder='姓名及电话'
        testId={id('guardianContact')}
      />
      <TextField
        label={L.householdRegistration}
        value={values.householdRegistration}
        onChange={set('householdRegistration')}
        error={errors.householdRegistration}
        maxLength={100}
        testId={id('householdRegistration')}
      />
    </FormSection>
  );
}

function OptionalFields({ values, errors, set }: StepFieldsProps) {
  const text = (field: CertField, max: number, type: 'text' | 'number' = 'text') => (
    <TextField label={L[field]} type={type} value={values[field]} onChange={set(field)} error={errors[field]} maxLength={max} testId={id(field)} />
  );
  return (
    <FormSection title='选填信息'>
      <SelectField label={L.occupation} value={values.occupation} options={optionsOf(Occupations)} onChange={set('occupation')} error={errors.occupation} testId={id('occupation')} />
      {text('workUnit', 100)}
      {text('email', 100)}
      {text('qq', 12, 'number')}
      {text('wechat', 50)}
      {text('weibo', 50)}
      {text('militaryService', 50)}
      {text('extraInfo', 200)}
    </FormSection>
  );
}

const BY_STEP: Record<CertStep, (p: StepFieldsProps) => JSX.Element> = {
  identity: IdentityFields,
  league: LeagueFields,
  contact: ContactFields,
  optional: OptionalFields,
};

/** The fields of one step of §4.3, with each field's error from the shared schema. */
export function StepFields({ step, ...props }: StepFieldsProps & { step: CertStep }) {
  const Fields = BY_STEP[step];
  return <Fields {...props} />;
}
