import { theme } from 'antd';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { fmtNumber } from '../../ui/format';
import { PALETTE, type ChartSpec } from './chartSpec';

// Only the parts the dashboard draws; this module is loaded on demand, in its own chunk.
echarts.use([PieChart, BarChart, GridComponent, TooltipComponent, LegendPlainComponent, CanvasRenderer]);

type Option = echarts.EChartsCoreOption;

function toOption(spec: ChartSpec, fontSize: number, narrow: boolean): Option {
  const num = (v: unknown) => (typeof v === 'number' ? fmtNumber(v) : String(v ?? ''));
  const base = {
    color: PALETTE,
    animation: false,
    textStyle: { fontSize },
    tooltip: { trigger: spec.type === 'pie' ? 'item' : 'axis', axisPointer: { type: 'shadow' }, valueFormatter: num, textStyle: { fontSize } },
  };
  if (spec.type === 'pie') {
    const s = spec.series[0];
    return {
      ...base,
      legend: { bottom: 0, textStyle: { fontSize } },
      series: [
        {
          type: 'pie',
          name: s?.name,
          radius: narrow ? ['25%', '70%'] : ['35%', '65%'],
          center: ['50%', '45%'],
          // On a phone the labels sit inside the slices (percent only): outside they would be cut off.
          label: narrow
            ? { position: 'inside', formatter: (p: { percent: number }) => `${fmtNumber(p.percent, 1)}%`, fontSize, color: '#fff', fontWeight: 'bold' }
            : { formatter: (p: { name: string; percent: number }) => `${p.name}\n${fmtNumber(p.percent, 1)}%`, fontSize, lineHeight: Math.round(fontSize * 1.3) },
          data: spec.categories.map((name, i) => ({ name, value: s?.values[i] ?? 0 })),
        },
      ],
    };
  }
  // Category labels under vertical bars would be skipped on a phone: one-series bars lie down there.
  const horizontal = spec.type === 'hbar' || (narrow && spec.series.length === 1);
  const multi = spec.series.length > 1;
  const category = { type: 'category', data: spec.categories, inverse: horizontal, axisLabel: { fontSize, interval: 0, hideOverlap: true } };
  const value = { type: 'value', splitNumber: narrow ? 3 : 5, axisLabel: { fontSize, formatter: num, hideOverlap: true } };
  return {
    ...base,
    legend: multi ? { top: 0, textStyle: { fontSize }, itemGap: 12 } : undefined,
    // A legend of six entries wraps to several lines on a phone: leave it room above the bars.
    grid: { left: 8, right: 24, top: multi ? fontSize * (narrow ? 8 : 3.5) : fontSize, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: spec.series.map((s) => ({
      type: 'bar',
      name: s.name,
      stack: s.stack,
      barMaxWidth: 48,
      itemStyle: s.color ? { color: s.color } : undefined,
      label: multi ? undefined : { show: true, position: horizontal ? 'right' : 'top', formatter: (p: { value: number }) => fmtNumber(p.value), fontSize },
      data: s.values,
    })),
  };
}

interface Props {
  spec: ChartSpec;
  /** Describes the chart for screen readers; the table below it carries the numbers. */
  label: string;
  height: number;
  onOpen: (href: string) => void;
}

/** One ECharts canvas that follows its container's width and sends clicks to the records behind a point. */
export default function EChart({ spec, label, height, onOpen }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const { token } = theme.useToken();
  const open = useRef(onOpen);
  open.current = onOpen;
  const specRef = useRef(spec);
  specRef.current = spec;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => {
      const href = specRef.current.series[p.seriesIndex ?? 0]?.links[p.dataIndex];
      if (href) open.current(href);
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  const narrow = typeof window !== 'undefined' && window.innerWidth < 576;
  const option = useMemo(() => toOption(spec, token.fontSize, narrow), [spec, token.fontSize, narrow]);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
