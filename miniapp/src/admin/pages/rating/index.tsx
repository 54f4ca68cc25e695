import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { chinaDateTime, MAX_SELF_RATING_CHANGES, RatingExclusions, type RatingLevel } from '@tj/shared';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { FormError } from '../../../components/form-field/errors';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { LevelTag, levelLabel, RatingStandard, RatingStatusTag, StarPicker } from '../../../components/rating';
import { useAsync } from '../../../hooks/use-async';
import { toApiError } from '../../../services/api-error';
import { fetchSelfRating, submitSelfRating } from '../../../services/ratings';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import './index.css';

/**
 * 团（总）支部自评 [004 §二(五)1(1)]: this year's 参考标准 and 自评表 — read the standard, pick a level,
 * submit; at most 3 changes before the superior reviews; after 不予定级 (重点整顿) rate again.
 */
export default function RatingPage() {
  const { allowed, orgId, org } = useOrgPage();
  const page = useAsync(allowed && orgId ? () => fetchSelfRating(orgId) : null, [allowed, orgId]);
  const [pick, setPick] = useState<RatingLevel | ''>('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  if (!allowed) return null;
  const p = page.data;
  const rating = p?.rating ?? null;
  const submit = async () => {
    if (!pick) return;
    setError('');
    try {
      page.setData(await submitSelfRating(orgId, pick));
      setNotice(rating ? '自评结果已修改，等待上级复核' : '自评已提交，等待上级复核');
      setPick('');
    } catch (e) {
      setError(toApiError(e).message);
    }
    setConfirming(false);
  };

  return (
    <View className='admin-page rating-page' data-testid='rating-page'>
      <PageStatus loading={org.loading || (page.loading && !p)} error={org.error ?? page.error} onRetry={page.reload} testId='rating'>
        {org.data && p ? (
          <>
            <OrgHeader org={org.data} subtitle={`${p.year} 年度对标定级 · 团（总）支部自评`} />
            {p.exclusion ? (
              <View className='admin-notice' data-testid='rating-excluded'>
                本组织不在 {p.year} 年度对标定级范围内：{RatingExclusions[p.exclusion]}。
              </View>
            ) : null}
            {rating?.rectification ? (
              <View className='admin-error' data-testid='rating-rectification'>
                上级复核结果为“不予定级”，本组织已列入重点整顿。线下完成整改后，请重新自评。
              </View>
            ) : null}
            {notice ? (
              <View className='rating-ok' data-testid='rating-notice'>
                {notice}
              </View>
            ) : null}

            <View className='admin-section'>
              <View className='admin-card rating-summary' data-testid='rating-summary'>
                <View className='rating-summary__row'>
                  <Text className='rating-summary__label'>自评结果</Text>
                  <View className='rating-summary__value'>
                    <LevelTag level={rating?.selfLevel ?? null} testId='rating-self-level' />
                    {rating ? <RatingStatusTag status={rating.status} testId='rating-status' /> : null}
                  </View>
                </View>
                <View className='rating-summary__row'>
                  <Text className='rating-summary__label'>上级复核结果</Text>
                  <View className='rating-summary__value'>
                    {rating?.reviewLevel ? <LevelTag level={rating.reviewLevel} testId='rating-review-level' /> : <Text className='admin-muted'>{rating ? '待复核' : '—'}</Text>}
                  </View>
                </View>
                <View className='rating-summary__row'>
                  <Text className='rating-summary__label'>剩余修改次数</Text>
                  <Text className='rating-summary__num' data-testid='rating-changes-left'>
                    {p.changesLeft} / {MAX_SELF_RATING_CHANGES}
                  </Text>
                </View>
                <Text className='admin-muted rating-line'>
                  上级复核前最多修改 {MAX_SELF_RATING_CHANGES} 次，复核后不能修改（“不予定级”除外）。{p.locked ? '本年度结果已锁定。' : `${chinaDateTime(p.lockAt)} 锁定本年度结果。`}
                </Text>
                {rating?.selfRatedAt ? <Text className='admin-muted rating-line'>最近提交：{chinaDateTime(rating.selfRatedAt)}</Text> : null}
              </View>
            </View>

            <View className='admin-section'>
              <Text className='admin-section__title'>对标定级参考标准</Text>
              <RatingStandard />
            </View>

            {p.canSubmit ? (
              <View className='admin-section' data-testid='rating-form'>
                <Text className='admin-section__title'>自评定级</Text>
                <View className='admin-card rating-form'>
                  <StarPicker value={pick} onChange={setPick} testId='rating-pick' />
                  <FormError message={error} testId='rating-error' />
                  <Button type='primary' block disabled={!pick} className='rating-submit' onClick={() => setConfirming(true)} data-testid='rating-submit'>
                    {rating ? '修改自评' : '提交自评'}
                  </Button>
                </View>
              </View>
            ) : (
              <FormError message={error} testId='rating-error' />
            )}
          </>
        ) : null}
      </PageStatus>
      <ConfirmDialog
        visible={confirming}
        title='确认提交'
        content={
          rating && rating.status !== 'reviewed'
            ? `将自评结果由“${levelLabel(rating.selfLevel)}”改为“${levelLabel(pick)}”，提交后还可修改 ${Math.max(0, (p?.changesLeft ?? 1) - 1)} 次。`
            : `自评为“${levelLabel(pick)}”。上级复核前最多可修改 ${MAX_SELF_RATING_CHANGES} 次。`
        }
        confirmText='提交'
        onConfirm={submit}
        onClose={() => setConfirming(false)}
      />
    </View>
  );
}
