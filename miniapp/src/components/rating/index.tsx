import { Text, View } from '@tarojs/components';
import { RATING_LEVEL_KEYS, RATING_STANDARD, RatingLevels, RatingStatuses, isKeyOf, type RatingLevel, type RatingStatus } from '@tj/shared';
import { StatusTag, type Tone } from '../status-tag';
import './index.css';

/** 对标定级 pieces shared by the self-rating, review and progress pages. */
export const levelLabel = (l: string | null | undefined) => (l && isKeyOf(RatingLevels, l) ? RatingLevels[l] : '—');
const STARS: Record<RatingLevel, number> = { star5: 5, star4: 4, star3: 3, star2: 2, star1: 1, ungraded: 0 };
export const starsOf = (l: RatingLevel) => (STARS[l] ? '★'.repeat(STARS[l]) : '');

export function LevelTag({ level, testId }: { level: RatingLevel | null; testId?: string }) {
  if (!level) return <StatusTag tone='gray'>未定级</StatusTag>;
  return (
    <StatusTag tone={level === 'ungraded' ? 'red' : 'orange'} testId={testId}>
      {levelLabel(level)}
    </StatusTag>
  );
}

const STATUS_TONES: Record<RatingStatus, Tone> = { notRated: 'gray', rated: 'blue', rerated: 'red', reviewed: 'green' };
export function RatingStatusTag({ status, testId }: { status: RatingStatus; testId?: string }) {
  return (
    <StatusTag tone={STATUS_TONES[status]} testId={testId}>
      {RatingStatuses[status]}
    </StatusTag>
  );
}

/** 五星 … 一星, 不予定级: six big buttons, three a row (one thumb). */
export function StarPicker({ value, onChange, disabled, testId }: { value: RatingLevel | ''; onChange: (l: RatingLevel) => void; disabled?: boolean; testId: string }) {
  return (
    <View className='rating-picker' data-testid={testId}>
      {RATING_LEVEL_KEYS.map((l) => (
        <View
          key={l}
          className={`rating-picker__item${value === l ? ' rating-picker__item--on' : ''}${l === 'ungraded' ? ' rating-picker__item--ungraded' : ''}${disabled ? ' rating-picker__item--off' : ''}`}
          onClick={() => !disabled && onChange(l)}
          data-testid={`${testId}-${l}`}
        >
          <Text className='rating-picker__label'>{RatingLevels[l]}</Text>
          <Text className='rating-picker__stars'>{starsOf(l) || '整顿'}</Text>
        </View>
      ))}
    </View>
  );
}

/** 对标定级参考标准 [004 §二(五)1(1)(i)] as cards: a table of four columns does not fit a phone. */
export function RatingStandard() {
  return (
    <View className='rating-standard' data-testid='rating-standard'>
      {RATING_STANDARD.map((d) => (
        <View key={d.dimension} className='rating-standard__dim'>
          <View className='rating-standard__head'>
            <Text className='rating-standard__name'>{d.dimension}</Text>
            <Text className='rating-standard__weight'>分值占比 {d.weight}</Text>
          </View>
          {d.items.map((i) => (
            <View key={i.no} className='rating-standard__item'>
              <Text className='rating-standard__content'>
                {i.no}. {i.content}
              </Text>
              <Text className='rating-standard__indicator'>{i.indicator}</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
