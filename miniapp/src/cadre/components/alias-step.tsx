import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ALIAS_MAX_CHARS, AliasExamples, ErrorMessages, countChars, validateAlias, type OrgType } from '@tj/shared';
import { FormSection, TextField } from '../../components/form-field';
import { toApiError } from '../../services/api-error';
import { setFirstAlias } from '../../services/cadre';
import './alias-step.css';

/**
 * [002 §三 代称填写] the four naming patterns, as the document words them; the examples come
 * from @tj/shared (AliasExamples), the same ones the shape messages quote.
 */
const PATTERNS: { types: OrgType[]; title: string; shape: string; examples: readonly string[]; note?: string }[] = [
  {
    types: ['leadingOrgan'],
    title: '团的领导机关（省、市、县三级团委）',
    shape: '团+行政区划名称+委',
    examples: AliasExamples.leadingOrgan,
  },
  {
    types: ['grassrootsCommittee', 'generalBranch', 'branch'],
    title: '基层团组织（不含团工委）',
    shape: '单位/本级行政区划名称+团委/团总支/团支部',
    examples: [...AliasExamples.branch.slice(0, 1), ...AliasExamples.grassrootsCommittee],
  },
  {
    types: ['branch'],
    title: '学校的班级团支部',
    shape: '（专业）入学年份+班号+团支部',
    examples: AliasExamples.branch.slice(1),
    note: '中学的班级团支部不需要填写专业名称',
  },
  {
    types: ['workingCommittee'],
    title: '团工委',
    shape: '单位名称+团工委',
    examples: AliasExamples.workingCommittee,
  },
];

interface AliasStepProps {
  org: { id: string; type: OrgType; shortName: string };
  /** Saved by this cadre (`alias`), or another operator was first (`null`: told, go on). */
  onDone: (alias: string | null) => void;
}

/**
 * §6.4 an operator of an org without an alias names it (on first entry or whenever they land
 * there later): the rules and examples first (the real guide asks to read them before
 * filling in), then the input checked live with the shared rule; the
 * server adds sibling uniqueness (ALIAS_TAKEN) and the one-winner race (ALIAS_ALREADY_SET).
 */
export function AliasStep({ org, onDone }: AliasStepProps) {
  const [alias, setAlias] = useState('');
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState('');
  const [alreadySet, setAlreadySet] = useState(false);
  const [saving, setSaving] = useState(false);

  const check = validateAlias(alias, org.type);
  const liveError = touched && !check.ok ? ErrorMessages[check.code] : '';

  const submit = async () => {
    setTouched(true);
    if (!check.ok) return;
    setSaving(true);
    setServerError('');
    try {
      onDone(await setFirstAlias(org.id, alias));
    } catch (e) {
      const error = toApiError(e);
      if (error.code === 'ALIAS_ALREADY_SET') setAlreadySet(true);
      else setServerError(error.message);
    } finally {
      setSaving(false);
    }
  };

  if (alreadySet) {
    return (
      <View className='alias-step' data-testid='alias-already-set'>
        <View className='cadre-notice'>{ErrorMessages.ALIAS_ALREADY_SET}，您无需再填写，可直接进入。</View>
        <View className='cadre-actions'>
          <Button type='primary' block onClick={() => onDone(null)} data-testid='alias-continue'>
            继续
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className='alias-step' data-testid='alias-step'>
      <View className='tj-card alias-rules' data-testid='alias-rules'>
        <Text className='alias-rules__title'>代称填写规则</Text>
        <Text className='alias-rules__text'>
          本组织还没有代称，请您作为运营者为本组织设置代称。代称直接使用本级单位/区划命名，无需包含组织层级；不超过{ALIAS_MAX_CHARS}个字，不能有空格及 \ / : * ? &quot; ” &apos; &lt; &gt; |
          等特殊字符；同一上级组织下不能重复。
        </Text>
        {PATTERNS.map((p, i) => {
          const mine = p.types.includes(org.type);
          return (
            <View key={p.title} className={`alias-rule${mine ? ' alias-rule--mine' : ''}`} data-testid={`alias-rule-${i + 1}`}>
              <Text className='alias-rule__title'>
                {i + 1}. {p.title}
                {mine ? <Text className='alias-rule__mine'>（本组织适用）</Text> : null}
              </Text>
              <Text className='alias-rule__shape'>格式：“{p.shape}”</Text>
              <Text className='alias-rule__examples'>例如：{p.examples.join('、')}</Text>
              {p.note ? <Text className='alias-rule__examples'>{p.note}</Text> : null}
            </View>
          );
        })}
      </View>

      <FormSection title='设置本组织代称'>
        <TextField
          label='组织代称'
          required
          value={alias}
          onChange={(v) => {
            setAlias(v);
            setTouched(true);
            setServerError('');
          }}
          placeholder={`如：${AliasExamples[org.type][0]}`}
          maxLength={ALIAS_MAX_CHARS + 4}
          error={liveError || serverError}
          hint={`${countChars(alias)}/${ALIAS_MAX_CHARS}字 · 组织简称：${org.shortName}`}
          testId='alias-input'
        />
      </FormSection>
      <View className='cadre-actions'>
        <Button type='primary' block loading={saving} disabled={saving} onClick={submit} data-testid='alias-submit'>
          保存代称
        </Button>
      </View>
    </View>
  );
}
