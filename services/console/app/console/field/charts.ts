// Loaded only by the rankings page, through import(): ECharts stays out of the console's first load. Only the
// charts and components drawn here are registered, and the SVG renderer (crisp at any size, and readable markup).
import { BarChart, LineChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface Series {
  name: string;
  type: "bar" | "line";
  values: number[];
}

/**
 * Draws a bar or line chart of `categories` in `el` (or redraws it), with ECharts' own aria description of the data
 * on the chart as well as the table each page shows beside it. Returns a function that disposes of the chart.
 */
export function drawChart(
  el: HTMLElement,
  { categories, series, horizontal = false }: { categories: string[]; series: Series[]; horizontal?: boolean },
): () => void {
  const chart = echarts.getInstanceByDom(el) ?? echarts.init(el, null, { renderer: "svg", locale: "ZH" });
  const category = { type: "category" as const, data: categories, axisLabel: { interval: 0, hideOverlap: true } };
  const value = { type: "value" as const };
  chart.setOption(
    {
      aria: { enabled: true },
      tooltip: { trigger: "axis" },
      legend: series.length > 1 ? { top: 0 } : undefined,
      grid: { left: horizontal ? 140 : 48, right: 24, top: series.length > 1 ? 32 : 16, bottom: 48 },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? { ...category, inverse: true } : value,
      series: series.map((s) => ({ name: s.name, type: s.type, data: s.values, barMaxWidth: 32 })),
    },
    true,
  );
  const resize = () => chart.resize();
  addEventListener("resize", resize);
  return () => {
    removeEventListener("resize", resize);
    chart.dispose();
  };
}
