import type { TranslationBundle } from '@jupyterlab/translation';
import type { DayCost } from 'leap-hub-service/dist/api/costs-schemas';
import React from 'react';
import { formatMoney } from './format';

const BAR = 10;
const GAP = 2;
const HEIGHT = 60;

/**
 * Daily totals as bars (inline SVG, no chart library); each bar's title
 * tells its day and amount, the figure's label sums them up.
 */
export function DailyChart(props: {
  days: readonly DayCost[];
  currency: string;
  trans: TranslationBundle;
  locale?: string;
}): JSX.Element {
  const { days, currency, trans, locale } = props;
  const highest = days.reduce((max, d) => Math.max(max, d.total), 0);
  const sum = days.reduce((total, d) => total + d.total, 0);
  const dayLabel = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const label = trans.__(
    'Daily cost over the last %1 days: %2 in all, at most %3 a day.',
    days.length,
    formatMoney(sum, currency, locale),
    formatMoney(highest, currency, locale)
  );
  const width = days.length * (BAR + GAP);
  return (
    <figure className="jp-LeapCosts-chart">
      <svg role="img" aria-label={label} viewBox={`0 0 ${Math.max(width, 1)} ${HEIGHT}`} preserveAspectRatio="none">
        {days.map((day, i) => {
          const height = highest > 0 ? Math.max(day.total > 0 ? 1 : 0, (day.total / highest) * HEIGHT) : 0;
          return (
            <rect
              key={day.date}
              className={i === days.length - 1 ? 'jp-LeapCosts-bar jp-mod-today' : 'jp-LeapCosts-bar'}
              x={i * (BAR + GAP)}
              y={HEIGHT - height}
              width={BAR}
              height={height}
            >
              <title>{`${dayLabel.format(new Date(day.date))}: ${formatMoney(day.total, currency, locale)}`}</title>
            </rect>
          );
        })}
        <line className="jp-LeapCosts-axis" x1={0} x2={width} y1={HEIGHT} y2={HEIGHT} />
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}
