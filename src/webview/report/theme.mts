import type { ReportModel } from '../../core/report/reportModel.js';

/** The colours and font the charts draw with, read from VS Code's theme variables at render time. */
export interface Theme {
  readonly kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
  readonly foreground: string;
  readonly muted: string;
  readonly grid: string;
  readonly background: string;
  /** Border around chart marks: the editor background, or the contrast border in high-contrast themes. */
  readonly markBorder: string;
  readonly markBorderWidth: number;
  readonly fontFamily: string;
  readonly fontSize: number;
  readonly tooltipBackground: string;
  readonly tooltipForeground: string;
  readonly tooltipBorder: string;
  readonly blue: string;
  readonly orange: string;
  readonly purple: string;
  readonly green: string;
  readonly yellow: string;
  readonly red: string;
  readonly reducedMotion: boolean;
}

function themeKind(): Theme['kind'] {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  return c.contains('vscode-light') ? 'light' : 'dark';
}

let probe: HTMLElement | undefined;

/** A CSS colour expression (variables, color-mix, names) as the rgb()/rgba() string a canvas accepts. */
function resolveColor(expression: string): string {
  if (!probe || !probe.isConnected) {
    probe = document.createElement('span');
    probe.hidden = true;
    probe.setAttribute('aria-hidden', 'true');
    document.body.appendChild(probe);
  }
  probe.style.color = '';
  probe.style.color = expression;
  return getComputedStyle(probe).color;
}

/** `rgb(r, g, b)` or `rgba(r, g, b, a)` with its alpha multiplied by `alpha`. */
function withAlpha(color: string, alpha: number): string {
  const parts = /rgba?\(([^)]+)\)/.exec(color)?.[1].split(/[\s,/]+/).filter(Boolean);
  if (!parts || parts.length < 3) return color;
  const a = parts.length > 3 ? parseFloat(parts[3]) : 1;
  return `rgba(${parts[0]}, ${parts[1]}, ${parts[2]}, ${(a * alpha).toFixed(3)})`;
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.body);
  const kind = themeKind();
  const dark = kind === 'dark' || kind === 'high-contrast';
  const highContrast = kind === 'high-contrast' || kind === 'high-contrast-light';
  const raw = (name: string): string => style.getPropertyValue(name).trim();
  const color = (name: string, fallback: string): string => resolveColor(`var(${name}, ${fallback})`);
  const foreground = color('--vscode-foreground', dark ? '#cccccc' : '#3b3b3b');
  const background = color('--vscode-editor-background', dark ? '#1f1f1f' : '#ffffff');
  const contrast = raw('--vscode-contrastBorder') ? color('--vscode-contrastBorder', foreground) : '';
  return {
    kind,
    foreground,
    muted: color('--vscode-descriptionForeground', dark ? '#9d9d9d' : '#717171'),
    // --vscode-charts-lines is the foreground at 50%: right for a chart's axis, too loud for its grid.
    grid: highContrast ? withAlpha(foreground, 0.45) : withAlpha(foreground, dark ? 0.13 : 0.11),
    background,
    markBorder: highContrast && contrast ? contrast : background,
    markBorderWidth: highContrast ? 1 : 0,
    fontFamily: raw('--vscode-font-family') || 'system-ui, sans-serif',
    fontSize: parseFloat(raw('--vscode-font-size')) || 13,
    tooltipBackground: color('--vscode-editorHoverWidget-background', dark ? '#252526' : '#f8f8f8'),
    tooltipForeground: color('--vscode-editorHoverWidget-foreground', foreground),
    tooltipBorder: color('--vscode-editorHoverWidget-border', dark ? '#454545' : '#c8c8c8'),
    blue: color('--vscode-charts-blue', dark ? '#3794ff' : '#1a85ff'),
    orange: color('--vscode-charts-orange', '#d18616'),
    purple: color('--vscode-charts-purple', dark ? '#b180d7' : '#652d90'),
    green: color('--vscode-charts-green', dark ? '#89d185' : '#388a34'),
    yellow: color('--vscode-charts-yellow', dark ? '#cca700' : '#bf8803'),
    red: color('--vscode-charts-red', dark ? '#f14c4c' : '#e51400'),
    reducedMotion: window.matchMedia('(prefers-reduced-motion: reduce)').matches,
  };
}

type PaletteColor = 'blue' | 'orange' | 'purple' | 'green' | 'yellow' | 'red';

/**
 * Models are drawn in palette order of the report's model list (the catalog's order), the same in every
 * chart and legend: GPT-5.4 Mini blue, Claude Haiku 4.5 orange, then the models the user added.
 */
const PALETTE: readonly PaletteColor[] = ['blue', 'orange', 'purple', 'green', 'yellow', 'red'];

function paletteIndex(report: ReportModel, model: string): number {
  const index = report.models.findIndex((m) => m.id === model);
  return (index < 0 ? report.models.length : index) % PALETTE.length;
}

export function modelColor(theme: Theme, report: ReportModel, model: string): string {
  return theme[PALETTE[paletteIndex(report, model)]];
}

/** CSS class for a model's swatch, so HTML legends match the charts without inline styles. */
export function modelClass(report: ReportModel, model: string): string {
  return `model-color-${paletteIndex(report, model)}`;
}
