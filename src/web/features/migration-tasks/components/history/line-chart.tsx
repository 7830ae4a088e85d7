// A small line chart in plain SVG (no chart library: the page-weight budget). Lines break where a
// value is missing; colours and text follow the theme through Mantine's CSS variables.
import { Group, Text } from '@mantine/core';
import { useId } from 'react';

export interface ChartPoint {
  at: number;
  value: number | null;
}

export interface ChartSeries {
  label: string;
  /** A CSS colour, theme-aware (e.g. var(--mantine-color-blue-filled)). */
  color: string;
  points: ChartPoint[];
  dashed?: boolean;
}

// About the width it is drawn at on a laptop screen, so its text stays readable.
const WIDTH = 720;
const HEIGHT = 140;
const PAD = { top: 10, right: 8, bottom: 20, left: 64 };

/** Path segments of a series, broken at missing values. */
export function linePath(points: ChartPoint[], x: (at: number) => number, y: (value: number) => number): string {
  let path = '';
  let drawing = false;
  for (const point of points) {
    if (point.value === null || !Number.isFinite(point.value)) {
      drawing = false;
      continue;
    }
    path += `${drawing ? 'L' : 'M'}${x(point.at).toFixed(1)},${y(point.value).toFixed(1)}`;
    drawing = true;
  }
  return path;
}

const readable = (point: ChartPoint | undefined) => point !== undefined && point.value !== null && Number.isFinite(point.value);

/** Values with no readable neighbour draw no line: they are shown as dots. */
export function isolatedPoints(points: ChartPoint[]): ChartPoint[] {
  return points.filter((point, i) => readable(point) && !readable(points[i - 1]) && !readable(points[i + 1]));
}

interface LineChartProps {
  title: string;
  /** What the chart shows in words: read by screen readers instead of the drawing. */
  summary: string;
  series: ChartSeries[];
  formatValue: (value: number) => string;
  formatTime: (at: number) => string;
  testId?: string;
}

export function LineChart({ title, summary, series, formatValue, formatTime, testId }: LineChartProps) {
  const titleId = useId();
  const times = series.flatMap((s) => s.points.map((p) => p.at));
  const values = series.flatMap((s) => s.points.map((p) => p.value)).filter((v): v is number => v !== null && Number.isFinite(v));
  const from = Math.min(...times);
  const to = Math.max(...times);
  const low = Math.min(0, ...values);
  const high = Math.max(...values, low + 1);
  const x = (at: number) => PAD.left + (to === from ? 0.5 : (at - from) / (to - from)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + (1 - (value - low) / (high - low)) * (HEIGHT - PAD.top - PAD.bottom);
  const drawable = times.length > 0 && values.length > 0;
  return (
    <figure style={{ margin: 0 }} data-testid={testId}>
      <Group justify="space-between" gap="xs" mb={4}>
        <Text size="sm" fw={600} id={titleId} component="figcaption">
          {title}
        </Text>
        <Group gap="sm" aria-hidden>
          {series.map((s) => (
            <Group key={s.label} gap={4} wrap="nowrap">
              <svg width="14" height="4" aria-hidden="true">
                <line x1="0" y1="2" x2="14" y2="2" stroke={s.color} strokeWidth="3" strokeDasharray={s.dashed ? '4 2' : undefined} />
              </svg>
              <Text size="xs" c="dimmed">
                {s.label}
              </Text>
            </Group>
          ))}
        </Group>
      </Group>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={summary}
        aria-describedby={titleId}
        style={{ display: 'block' }}
      >
        <g stroke="var(--mantine-color-default-border)" strokeWidth="1">
          <line x1={PAD.left} y1={y(high)} x2={WIDTH - PAD.right} y2={y(high)} />
          <line x1={PAD.left} y1={y(low)} x2={WIDTH - PAD.right} y2={y(low)} />
        </g>
        {drawable && (
          <g fontSize="12" fill="var(--mantine-color-dimmed)">
            <text x={PAD.left - 6} y={y(high) + 4} textAnchor="end">
              {formatValue(high)}
            </text>
            <text x={PAD.left - 6} y={y(low)} textAnchor="end">
              {formatValue(low)}
            </text>
            <text x={PAD.left} y={HEIGHT - 4}>
              {formatTime(from)}
            </text>
            <text x={WIDTH - PAD.right} y={HEIGHT - 4} textAnchor="end">
              {formatTime(to)}
            </text>
          </g>
        )}
        {series.map((s) => (
          <path
            key={s.label}
            d={linePath(s.points, x, y)}
            fill="none"
            stroke={s.color}
            strokeWidth="2"
            strokeLinejoin="round"
            strokeDasharray={s.dashed ? '6 3' : undefined}
            data-series={s.label}
          />
        ))}
        {series.flatMap((s) =>
          isolatedPoints(s.points).map((point) => (
            <circle key={`${s.label}-${point.at}`} cx={x(point.at)} cy={y(point.value!)} r="3" fill={s.color} data-series={s.label} />
          )),
        )}
      </svg>
    </figure>
  );
}
