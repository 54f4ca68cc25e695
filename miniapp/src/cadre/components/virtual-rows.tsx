import { memo, useEffect, useMemo, useRef, useState, type ComponentProps, type ComponentType, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
// The component's own entry, not the package index: the index also pulls List, WaterFlow
// and VirtualWaterfall into the cadre sub-package.
import { VirtualList } from '@tarojs/components-advanced/dist/components/virtual-list';
import './virtual-rows.css';

/**
 * The React list implements `itemKey` and `onItemsRendered` (react-window's API, which it
 * is ported from) but its typings leave them out.
 */
const List = VirtualList as unknown as ComponentType<
  ComponentProps<typeof VirtualList> & {
    itemKey: (index: number, data: unknown[]) => string;
    onItemsRendered: (range: { startIndex: number; stopIndex: number }) => void;
  }
>;

/** Design pixels (750 wide, like the CSS) → device pixels, which VirtualList counts in. */
export const designToPx = (design: number, windowWidth = Taro.getWindowInfo().windowWidth) => Math.round((design * windowWidth) / 750);

/** Rows left below the visible ones when the next page is asked for. */
const PREFETCH_ROWS = 5;

interface VirtualRowsProps<T> {
  id: string;
  items: T[];
  /** Each row's fixed height in design pixels; rows clip what does not fit (one line each). */
  rowHeight: number;
  keyOf: (item: T) => string;
  renderRow: (item: T, index: number) => ReactNode;
  /** Called when the last rows come into view (the next page of a paged list). */
  onEnd?: () => void;
  /** Under the rows, scrolling with them (the list footer). */
  footer?: ReactNode;
}

interface RowProps {
  id: string;
  index: number;
  data: unknown[];
}

/**
 * §6.6's long lists (members or cadres of a city: tens of thousands of rows) through Taro's
 * VirtualList: only the rows in view (plus a few) are in the page, so WeChat's setData and
 * the H5 DOM stay small however far the cadre scrolls. The list fills the screen below
 * whatever the page shows above it and scrolls on its own.
 */
export function VirtualRows<T>({ id, items, rowHeight, keyOf, renderRow, onEnd, footer }: VirtualRowsProps<T>) {
  const window = Taro.getWindowInfo();
  const [top, setTop] = useState<number | null>(null);
  const render = useRef(renderRow);
  render.current = renderRow;
  const end = useRef(onEnd);
  end.current = onEnd;
  const count = useRef(items.length);
  count.current = items.length;

  // One component for the list's life: a new one per render would remount every row.
  const Row = useMemo(
    () =>
      memo(function VirtualRow({ id: rowId, index, data }: RowProps) {
        return (
          <View id={rowId} className='virtual-row'>
            {render.current(data[index] as T, index)}
          </View>
        );
      }),
    [],
  );

  const hasRows = items.length > 0;
  useEffect(() => {
    // Where the list starts decides how tall it can be; measured once it is laid out.
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${id}-anchor`)
        .boundingClientRect()
        .exec((res: ({ top?: number } | null)[] | undefined) => {
          const rect = res?.[0];
          if (rect && typeof rect.top === 'number') setTop(rect.top);
        });
    });
  }, [id, hasRows]);

  const itemSize = designToPx(rowHeight, window.windowWidth);
  // Until measured: the space under a typical header (switch bar + search).
  const height = Math.max(itemSize * 3, window.windowHeight - (top ?? designToPx(220, window.windowWidth)));

  // With no rows VirtualList 4.2.0 still reserves an estimated height and pushes the footer
  // (loading / 暂无…) off the screen.
  if (!items.length) return <View data-testid={id}>{footer}</View>;

  return (
    <View className='virtual-rows' data-testid={id}>
      <View id={`${id}-anchor`} />
      <List
        id={id}
        height={height}
        width='100%'
        item={Row}
        itemData={items}
        itemCount={items.length}
        itemSize={itemSize}
        itemKey={(index, data) => keyOf(data[index] as T)}
        overscanCount={4}
        // 4.2.0 reports the rendered range only when the count changes (a page arrived, which
        // covers a first page shorter than the screen); scrolling is followed by onScroll.
        onItemsRendered={({ stopIndex }) => {
          if (stopIndex >= count.current - PREFETCH_ROWS) end.current?.();
        }}
        onScroll={({ scrollOffset }) => {
          if (scrollOffset + height >= (count.current - PREFETCH_ROWS) * itemSize) end.current?.();
        }}
        renderBottom={footer}
      />
    </View>
  );
}
