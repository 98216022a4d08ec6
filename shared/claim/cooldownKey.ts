import type { AlarmInfo } from '../model/context.ts';

/**
 * What an alarm's cool-down is kept per: "<api>/<stage>" from the alarm's dimensions, the API by name (REST:
 * ApiName) or id (HTTP: ApiId). An HTTP API alarm without a Stage dimension watches every stage: "<api>/*".
 * An alarm with neither (a composite alarm, a custom metric): "alarm:<alarm name>", so that it still cools down.
 */
export function cooldownApiKey(alarm: Pick<AlarmInfo, 'name' | 'dimensions'>): string {
  const api = nonEmpty(alarm.dimensions['ApiName']) ?? nonEmpty(alarm.dimensions['ApiId']);
  if (api === undefined) return `alarm:${alarm.name}`;
  return `${api}/${nonEmpty(alarm.dimensions['Stage']) ?? '*'}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
