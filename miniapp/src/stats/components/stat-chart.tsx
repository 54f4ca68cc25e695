import { useEffect, useRef } from 'react';
import Taro from '@tarojs/taro';
import { Canvas as TaroCanvas, Text, View } from '@tarojs/components';
import { Axis, Canvas, Chart, Interval, Legend, createElement } from '@antv/f2';
import type { StatCount } from '@tj/shared';
import './stat-chart.css';

export interface StatChartProps {
  /** unique on the page: the canvas id and the test ids derive from it */
  id: string;
  title: string;
  data: StatCount[];
  /** bar (default) or pie (shares of one whole, e.g. 性别) */
  kind?: 'bar' | 'pie';
  /** the table's count column header */
  unit?: string;
  /** CSS px height of the chart */
  height?: number;
  /** shown instead of the chart when every count is 0 */
  emptyText?: string;
}

const COLORS = ['#d81e06', '#f5712c', '#fbb03b', '#36a3eb', '#4bc0c0', '#9966ff', '#8fbf3f', '#c9cbcf'];

// F2's element factory, typed loosely: its generics do not line up with plain props objects
const h = createElement as unknown as (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => unknown;

/** H5 keeps the pages below on the stack in the DOM: each chart instance needs its own canvas id. */
let instances = 0;

interface Drawn {
  destroy(): void;
}

/**
 * The canvas of `id` and its CSS size: weapp asks a node query, H5 reads the DOM (Taro's
 * canvas element draws its inner <canvas> a moment after mounting: asked again until it is there).
 */
function canvasOf(id: string, cssHeight: number, cb: (canvas: HTMLCanvasElement, width: number, height: number) => void, tries = 20) {
  if (process.env.TARO_ENV === 'h5') {
    const host = document.getElementById(id);
    const el = host instanceof HTMLCanvasElement ? host : host?.querySelector('canvas');
    const width = host?.clientWidth ?? 0;
    if (!el || width === 0) {
      if (tries > 0) setTimeout(() => canvasOf(id, cssHeight, cb, tries - 1), 100);
      return;
    }
    el.style.width = `${width}px`;
    el.style.height = `${cssHeight}px`;
    cb(el, width, cssHeight);
    return;
  }
  Taro.createSelectorQuery()
    .select(`#${id}`)
    .fields({ node: true, size: true })
    .exec((res: { node?: HTMLCanvasElement; width: number; height: number }[]) => {
      const r = res[0];
      if (r?.node) cb(r.node, r.width, r.height || cssHeight);
      else if (tries > 0) setTimeout(() => canvasOf(id, cssHeight, cb, tries - 1), 100);
    });
}

/**
 * A statistics chart (F2, drawn on a 2d canvas in weapp and H5) with its numbers in a table
 * under it. Reusable for any list of counts: the statistics page draws every distribution with
 * it, and 对标定级 results (stars per org) plug in the same way.
 */
export function StatChart({ id, title, data, kind = 'bar', unit = '人数', height = 180, emptyText = '暂无数据' }: StatChartProps) {
  const seq = useRef(0);
  if (seq.current === 0) seq.current = ++instances;
  const canvasId = `stat-chart-${id}-${seq.current}`;
  const drawn = useRef<Drawn | null>(null);
  const total = data.reduce((s, d) => s + d.count, 0);
  const key = JSON.stringify(data);

  useEffect(() => {
    if (total === 0) return undefined;
    let cancelled = false;
    const timer = setTimeout(() => {
      canvasOf(canvasId, height, (canvas, width, cssHeight) => {
        if (cancelled) return;
        const pixelRatio = process.env.TARO_ENV === 'h5' ? window.devicePixelRatio || 1 : Taro.getSystemInfoSync().pixelRatio;
        canvas.width = width * pixelRatio;
        canvas.height = cssHeight * pixelRatio;
        const context = canvas.getContext('2d') as CanvasRenderingContext2D;
        const rows = data.map((d) => ({ label: d.label, count: d.count, share: 1 }));
        const chart =
          kind === 'pie'
            ? h(
                Chart,
                { data: rows, coord: { type: 'polar', transposed: true }, scale: {} },
                h(Interval, { x: 'share', y: 'count', adjust: 'stack', color: { field: 'label', range: COLORS } }),
                h(Legend, { position: 'right', style: { justifyContent: 'center' }, nameStyle: { fontSize: '24px' } }),
              )
            : h(
                Chart,
                { data: rows, scale: { count: { min: 0, tickCount: 4 } } },
                h(Axis, { field: 'label', style: { label: { fontSize: '22px' } } }),
                h(Axis, { field: 'count', style: { label: { fontSize: '20px' } } }),
                h(Interval, { x: 'label', y: 'count', color: COLORS[0] }),
              );
        const f2 = new Canvas({ context, pixelRatio, width, height: cssHeight, animate: false, children: chart });
        void f2.render();
        drawn.current = f2;
      });
    }, 50);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      drawn.current?.destroy();
      drawn.current = null;
    };
    // redraw when the numbers change
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, kind, canvasId, height]);

  return (
    <View className='tj-card stat-chart' data-testid={`stat-${id}`}>
      <View className='stat-chart__head'>
        <Text className='stat-chart__title'>{title}</Text>
        <Text className='stat-chart__total'>合计 {total}</Text>
      </View>
      {total === 0 ? (
        <View className='stat-chart__empty'>{emptyText}</View>
      ) : (
        <TaroCanvas type='2d' id={canvasId} canvasId={canvasId} className='stat-chart__canvas' style={{ height: `${height}px` }} data-testid={`stat-${id}-canvas`} />
      )}
      <View className='stat-chart__table' data-testid={`stat-${id}-table`}>
        <View className='stat-chart__row stat-chart__row--head'>
          <Text className='stat-chart__cell stat-chart__cell--label'>项目</Text>
          <Text className='stat-chart__cell'>{unit}</Text>
          <Text className='stat-chart__cell'>占比</Text>
        </View>
        {data.map((d) => (
          <View key={d.key} className='stat-chart__row' data-testid={`stat-${id}-row-${d.key}`}>
            <Text className='stat-chart__cell stat-chart__cell--label'>{d.label}</Text>
            <Text className='stat-chart__cell stat-chart__count'>{d.count}</Text>
            <Text className='stat-chart__cell'>{total > 0 ? `${((d.count / total) * 100).toFixed(1)}%` : '—'}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
