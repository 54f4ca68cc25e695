import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Empty, Input, Loading } from '@nutui/nutui-react-taro';
import { OrgDrill } from '../../../components/org-drill';
import { OrgPath } from '../../../components/org-path';
import { StatusTag } from '../../../components/status-tag';
import { usePageParams } from '../../../hooks/use-page-params';
import { Routes, withQuery } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { orgTypeLabel } from '../../../labels/org';
import { resolveScene, sceneFrom, searchOrgs, toChosenBranch, type ChosenBranch, type OrgSearchItem } from '../../../services/org-search';
import { selectIsLoggedIn, useAppStore } from '../../../stores';
import '../../member.css';
import './index.css';

const isWeapp = process.env.TARO_ENV === 'weapp';

/**
 * §4.1 without a QR: find the branch by name or alias (several words: all must match). Every
 * result shows its full name and path; only branches can be chosen — a committee or general
 * branch cannot take check-ins [003 §二 6.2.2] and opens its sub-orgs instead, down to the
 * branches. ?pick=1: changing the branch of a form in progress.
 */
export default function OrgSearchPage() {
  const params = usePageParams();
  const loggedIn = useAppStore(selectIsLoggedIn);
  const chooseBranch = useAppStore((s) => s.chooseBranch);
  const [q, setQ] = useState('');
  const [items, setItems] = useState<OrgSearchItem[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');
  // the committee opened from the results, walked down to a branch (issue 13 item 5)
  const [drill, setDrill] = useState<OrgSearchItem | null>(null);

  useEffect(() => {
    setDrill(null);
    const text = q.trim();
    if (!text) {
      setItems(null);
      return undefined;
    }
    let live = true;
    const timer = setTimeout(() => {
      setLoading(true);
      setError('');
      searchOrgs(text)
        .then((found) => live && setItems(found))
        .catch((e) => live && setError(toApiError(e).message))
        .finally(() => live && setLoading(false));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);

  const choose = (branch: ChosenBranch) => {
    chooseBranch(branch);
    if (params.pick === '1') {
      const pages = typeof Taro.getCurrentPages === 'function' ? Taro.getCurrentPages() : [];
      const previous = pages.length > 1 ? (pages[pages.length - 2]?.route ?? '') : '';
      if (previous.includes('member/pages/checkin')) void Taro.navigateBack();
      else void Taro.redirectTo({ url: withQuery(Routes.memberCheckin, { step: 'identity' }) });
      return;
    }
    void Taro.redirectTo({ url: loggedIn ? withQuery(Routes.memberCheckin, { step: 'identity' }) : Routes.memberJoin });
  };

  const scan = async () => {
    setError('');
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false });
      const scene = sceneFrom({ scene: res.path || res.result });
      if (!scene) throw new Error('not ours');
      const target = await resolveScene(scene);
      if (target.kind !== 'checkin') throw new Error('not a check-in code');
      choose(toChosenBranch(target));
    } catch {
      setError('未识别到团员报到二维码，请扫描团支部的“团员报到二维码”');
    }
  };

  /** A found org: a branch is chosen; any other opens its sub-orgs (it cannot take check-ins, §4.1). */
  const result = (item: OrgSearchItem, open: () => void) => (
    <View
      key={item.id}
      className={`org-search__item${item.selectable ? '' : ' org-search__item--disabled'}`}
      onClick={() => (item.selectable ? choose(toChosenBranch(item)) : open())}
      data-testid={`org-result-${item.id}`}
      data-selectable={item.selectable ? 'yes' : 'no'}
    >
      <View className='org-search__item-head'>
        <Text className='org-search__name'>{item.alias || item.shortName}</Text>
        <StatusTag tone={item.selectable ? 'green' : 'gray'}>{orgTypeLabel(item.type)}</StatusTag>
      </View>
      <OrgPath fullName={item.fullName} pathNames={item.pathNames} shortName={item.shortName} testId={`org-result-${item.id}-path`} compact />
      {item.selectable ? (
        <Text className='member-link org-search__choose'>选择此团支部 ›</Text>
      ) : (
        <View className='org-search__open'>
          <Text className='member-muted' data-testid={`org-result-${item.id}-refusal`}>
            {orgTypeLabel(item.type)}不能直接接收报到
          </Text>
          <Text className='member-link' data-testid={`org-result-${item.id}-open`}>
            查看下级组织 ›
          </Text>
        </View>
      )}
    </View>
  );

  return (
    <View className='member-page' data-testid='org-search-page'>
      <View className='org-search__bar'>
        <Input
          className='org-search__input'
          value={q}
          onChange={setQ}
          placeholder='输入团支部名称或代称，如：计算机 2024级'
          clearable
          maxLength={50}
          name='orgSearch'
          data-testid='org-search-input'
        />
        {isWeapp ? (
          <Button size='small' type='primary' fill='outline' onClick={scan} data-testid='org-search-scan'>
            扫码
          </Button>
        ) : null}
      </View>
      <Text className='member-muted org-search__tip'>只能选择团支部报到；团委、团总支不能直接接收团员报到。</Text>

      {error ? (
        <View className='tj-form-error' data-testid='org-search-error'>
          {error}
        </View>
      ) : null}
      {loading ? (
        <View className='org-search__loading'>
          <Loading type='circular'>搜索中…</Loading>
        </View>
      ) : null}
      {!loading && items && items.length === 0 ? <Empty title='没有找到团组织' description='请换个关键词，或向团支部索取团员报到二维码' /> : null}

      {drill ? (
        <OrgDrill start={drill} onExit={() => setDrill(null)} renderItem={(item, open) => result(item, open)} testId='org-drill' />
      ) : (
        <View data-testid='org-search-results'>{(items ?? []).map((item) => result(item, () => setDrill(item)))}</View>
      )}
    </View>
  );
}
