import { PieChart } from 'echarts/charts';
import { LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([PieChart, TitleComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface Slice {
  name: string;
  value: number;
  color: string;
}

/** Doughnut of units by state; echarts is loaded only with the overview page. */
export function UnitStateChart({ slices, centerLabel, compact }: { slices: Slice[]; centerLabel: string; compact: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
        legend: compact
          ? { bottom: 0, left: 'center', itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 12 } }
          : { orient: 'vertical', right: 8, top: 'middle', itemWidth: 10, itemHeight: 10, itemGap: 14 },
        title: {
          text: centerLabel,
          left: compact ? '50%' : '35%',
          top: compact ? '44%' : '50%',
          textAlign: 'center',
          textVerticalAlign: 'middle',
          textStyle: { fontSize: 15, fontWeight: 600, color: '#1f1f1f' },
        },
        series: [
          {
            type: 'pie',
            radius: ['48%', '72%'],
            center: compact ? ['50%', '44%'] : ['35%', '50%'],
            avoidLabelOverlap: true,
            itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 4 },
            label: { show: false },
            emphasis: { label: { show: false }, scaleSize: 6 },
            data: slices.map((s) => ({ name: s.name, value: s.value, itemStyle: { color: s.color } })),
          },
        ],
      },
      true,
    );
  }, [slices, centerLabel, compact]);

  return <div ref={ref} style={{ width: '100%', height: compact ? 300 : 280 }} data-testid="units-by-state-chart" />;
}
