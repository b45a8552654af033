// Throughput times as Prometheus histograms on /metrics, computed from PostgreSQL at each scrape, so every
// API process reports the same figures (aggregate with max(), not sum(), across instances).
import type { Registry } from 'prom-client';
import type { Pool } from '../db/pool';
import { throughputBuckets } from '../db/throughput';

const NAME = 'drehscheibe_throughput_seconds';

/** Bucket bounds in seconds: a minute to three months, for stages that take minutes (demo) to weeks. */
export const THROUGHPUT_BUCKETS = [
  1, 10, 60, 300, 900, 3_600, 14_400, 86_400, 259_200, 604_800, 1_209_600, 2_592_000, 7_776_000,
];

/** Registers the histogram once per registry; its values are read from the database when scraped. */
export function registerThroughputMetrics(registry: Registry, pool: Pool): void {
  if (registry.getSingleMetric(NAME)) return;
  const metric = {
    name: NAME,
    help: 'Throughput time of real cases per stage (submission-office, office-notice, notice-final), service and municipality',
    type: 'histogram',
    aggregator: 'max',
    async get() {
      const values: { metricName: string; labels: Record<string, string | number>; value: number }[] = [];
      for (const row of await throughputBuckets(pool, THROUGHPUT_BUCKETS)) {
        const labels = { stage: row.stage, service: row.leikaId, municipality: row.ars };
        let cumulative = 0;
        THROUGHPUT_BUCKETS.forEach((le, i) => {
          cumulative += row.buckets[i]!;
          values.push({ metricName: `${NAME}_bucket`, labels: { ...labels, le }, value: cumulative });
        });
        values.push({ metricName: `${NAME}_bucket`, labels: { ...labels, le: '+Inf' }, value: row.count });
        values.push({ metricName: `${NAME}_sum`, labels, value: row.sumSeconds });
        values.push({ metricName: `${NAME}_count`, labels, value: row.count });
      }
      return { name: NAME, help: metric.help, type: metric.type, aggregator: metric.aggregator, values };
    },
    reset() {},
  };
  registry.registerMetric(metric as never);
}
