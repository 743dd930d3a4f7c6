import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
  type TooltipItem,
} from 'chart.js';
import { localDay } from '../../core/ledger/query.js';
import type { ModelId } from '../../core/models/modelTable.js';
import type { ReportModel } from '../../core/report/reportModel.js';
import { formatDayLong, formatDayShort, formatPercent, formatUsd, modelName, parseDay, plural, taskLabel } from './labels.mjs';
import { modelColor, type Theme } from './theme.mjs';

// Only what the report draws is registered, so esbuild leaves the rest of Chart.js out of the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Tooltip);

/** How a chart should change: animate the first paint and data updates, never a theme change. */
export type UpdateMode = 'data' | 'theme';

const charts = new Map<string, Chart>();

function upsert<T extends ChartType>(key: string, canvas: HTMLCanvasElement, config: ChartConfiguration<T, number[], string>, mode: UpdateMode): void {
  const existing = charts.get(key);
  if (existing && existing.canvas === canvas && (existing.config as { type?: string }).type === config.type) {
    existing.data = config.data as Chart['data'];
    existing.options = config.options as Chart['options'];
    existing.update(mode === 'theme' ? 'none' : undefined);
    return;
  }
  existing?.destroy();
  charts.set(key, new Chart(canvas, config as unknown as ChartConfiguration));
}

function baseOptions(theme: Theme): Record<string, unknown> {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: theme.reducedMotion ? false : { duration: 450, easing: 'easeOutQuart' },
    color: theme.foreground,
    font: { family: theme.fontFamily, size: theme.fontSize },
    layout: { padding: { top: 4, right: 8, bottom: 0, left: 0 } },
  };
}

function tooltip(theme: Theme): Record<string, unknown> {
  return {
    backgroundColor: theme.tooltipBackground,
    titleColor: theme.tooltipForeground,
    bodyColor: theme.tooltipForeground,
    footerColor: theme.tooltipForeground,
    borderColor: theme.tooltipBorder,
    borderWidth: 1,
    cornerRadius: 4,
    padding: 10,
    boxPadding: 4,
    usePointStyle: true,
    titleFont: { family: theme.fontFamily, size: theme.fontSize, weight: 'bold' },
    bodyFont: { family: theme.fontFamily, size: theme.fontSize },
    footerFont: { family: theme.fontFamily, size: theme.fontSize, weight: 'normal' },
  };
}

function ticks(theme: Theme): Record<string, unknown> {
  return { color: theme.muted, font: { family: theme.fontFamily, size: Math.max(11, theme.fontSize - 1) } };
}

/** The models with any cost in the period, in table order (GPT first), so an unused model adds no empty series. */
export function modelsInUse(report: ReportModel): ModelId[] {
  // byModel comes most expensive first: that model is the base of each stacked bar and leads the legend.
  const used = new Set<ModelId>();
  for (const m of report.byModel) if (m.calls > 0) used.add(m.model);
  for (const d of report.costByDay) for (const [id, cost] of Object.entries(d.byModel)) if (cost > 0) used.add(id as ModelId);
  return [...used];
}

/** A tooltip line for a slice of the total: ` $1.20 (35%) · 14 calls`. */
function costShareLine(slice: { readonly costMicroUsd: number; readonly calls: number }, total: number): string {
  const share = total > 0 ? ` (${formatPercent(slice.costMicroUsd / total)})` : '';
  return ` ${formatUsd(slice.costMicroUsd)}${share} · ${plural(slice.calls, 'call')}`;
}

/** Axis labels: formatUsd without the trailing zeros it keeps for alignment (`$0.40`, `$0.005`). */
export function axisUsd(micro: number): string {
  return formatUsd(micro).replace(/(\.\d\d\d*?)0+$/, '$1');
}

/**
 * Days for the time axis. The 7- and 30-day periods show every calendar day (a quiet day is a gap, not a
 * missing column); other periods run from their first to last day with calls, when that span is short.
 */
export function dayAxis(report: ReportModel): ReportModel['costByDay'] {
  const byDay = new Map(report.costByDay.map((d) => [d.day, d]));
  if (report.costByDay.length === 0) return [];
  const generated = new Date(report.generatedAt);
  const today = Number.isNaN(generated.getTime()) ? undefined : new Date(generated.getFullYear(), generated.getMonth(), generated.getDate());
  const span = report.period === '7d' ? 7 : report.period === '30d' ? 30 : undefined;
  let start = parseDay(report.costByDay[0].day);
  let end = parseDay(report.costByDay[report.costByDay.length - 1].day);
  if (span && today) {
    start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (span - 1));
    end = today;
  }
  const days: ReportModel['costByDay'][number][] = [];
  for (let d = start, n = 0; d <= end && n < 400; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1), n++) {
    const key = localDay(d);
    days.push(byDay.get(key) ?? { day: key, costMicroUsd: 0, byModel: {} as Record<ModelId, number> });
  }
  // A long 'all' history with gaps: the days with calls only, rather than hundreds of empty columns.
  return days.length >= 400 ? [...report.costByDay] : days;
}

export function renderDayChart(canvas: HTMLCanvasElement, report: ReportModel, theme: Theme, mode: UpdateMode): void {
  const days = dayAxis(report);
  const models = modelsInUse(report);
  const many = days.length > 14;
  upsert(
    'day',
    canvas,
    {
      type: 'bar',
      data: {
        labels: days.map((d) => d.day),
        datasets: models.map((id) => ({
          label: modelName(report, id),
          data: days.map((d) => d.byModel[id] ?? 0),
          backgroundColor: modelColor(theme, report, id),
          borderColor: theme.markBorder,
          borderWidth: theme.markBorderWidth,
          borderRadius: 3,
          borderSkipped: false,
          maxBarThickness: 44,
          categoryPercentage: many ? 0.85 : 0.7,
          barPercentage: 0.9,
        })),
      },
      options: {
        ...baseOptions(theme),
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: {
            stacked: true,
            grid: { display: false },
            border: { color: theme.grid },
            ticks: { ...ticks(theme), maxRotation: 0, autoSkipPadding: 12, callback: (_v: unknown, i: number) => formatDayShort(days[i]?.day ?? '') },
          },
          y: {
            stacked: true,
            beginAtZero: true,
            grace: '5%',
            grid: { color: theme.grid },
            border: { display: false },
            ticks: { ...ticks(theme), maxTicksLimit: 6, callback: (v: number | string) => axisUsd(Number(v)) },
          },
        },
        plugins: {
          tooltip: {
            ...tooltip(theme),
            filter: (item: TooltipItem<'bar'>) => Number(item.raw) > 0,
            callbacks: {
              title: (items: TooltipItem<'bar'>[]) => formatDayLong(days[items[0]?.dataIndex ?? 0]?.day ?? ''),
              label: (item: TooltipItem<'bar'>) => ` ${item.dataset.label}: ${formatUsd(Number(item.raw))}`,
              footer: (items: TooltipItem<'bar'>[]) => {
                const day = days[items[0]?.dataIndex ?? 0];
                return day ? `Total: ${formatUsd(day.costMicroUsd)}` : '';
              },
            },
          },
        },
      },
    } as ChartConfiguration<'bar', number[], string>,
    mode,
  );
}

export function renderTaskChart(canvas: HTMLCanvasElement, report: ReportModel, theme: Theme, mode: UpdateMode): void {
  const tasks = [...report.byTask].sort((a, b) => b.costMicroUsd - a.costMicroUsd);
  const total = report.totals.costMicroUsd;
  upsert(
    'task',
    canvas,
    {
      type: 'bar',
      data: {
        labels: tasks.map((t) => taskLabel(t.task)),
        datasets: [
          {
            label: 'Cost',
            data: tasks.map((t) => t.costMicroUsd),
            backgroundColor: theme.purple,
            borderColor: theme.markBorder,
            borderWidth: theme.markBorderWidth,
            borderRadius: 3,
            borderSkipped: false,
            maxBarThickness: 22,
            categoryPercentage: 0.8,
          },
        ],
      },
      options: {
        ...baseOptions(theme),
        indexAxis: 'y',
        scales: {
          x: {
            beginAtZero: true,
            grace: '5%',
            grid: { color: theme.grid },
            border: { display: false },
            ticks: { ...ticks(theme), maxTicksLimit: 5, callback: (v: number | string) => axisUsd(Number(v)) },
          },
          y: {
            grid: { display: false },
            border: { color: theme.grid },
            ticks: { ...ticks(theme), color: theme.foreground },
          },
        },
        plugins: {
          tooltip: {
            ...tooltip(theme),
            callbacks: { label: (item: TooltipItem<'bar'>) => costShareLine(tasks[item.dataIndex], total) },
          },
        },
      },
    } as ChartConfiguration<'bar', number[], string>,
    mode,
  );
}

export function renderModelChart(canvas: HTMLCanvasElement, report: ReportModel, theme: Theme, mode: UpdateMode): void {
  const models = report.byModel.filter((m) => m.calls > 0);
  const total = report.totals.costMicroUsd;
  upsert(
    'model',
    canvas,
    {
      type: 'doughnut',
      data: {
        labels: models.map((m) => m.displayName),
        datasets: [
          {
            label: 'Cost',
            data: models.map((m) => m.costMicroUsd),
            backgroundColor: models.map((m) => modelColor(theme, report, m.model)),
            borderColor: theme.kind.startsWith('high-contrast') ? theme.markBorder : theme.background,
            borderWidth: 2,
            hoverOffset: 6,
          },
        ],
      },
      options: {
        ...baseOptions(theme),
        cutout: '68%',
        layout: { padding: 8 },
        plugins: {
          tooltip: {
            ...tooltip(theme),
            callbacks: { label: (item: TooltipItem<'doughnut'>) => costShareLine(models[item.dataIndex], total) },
          },
        },
      },
    } as ChartConfiguration<'doughnut', number[], string>,
    mode,
  );
}
