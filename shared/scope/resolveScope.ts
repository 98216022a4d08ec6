import type { BundleContext } from '../model/context.ts';
import type { DiagnoseOptions } from '../diagnoseOptions.ts';
import { computeWindow } from '../context/diagnosisWindow.ts';
import type { CollectedEvidence } from '../correlate/EvidenceCollector.ts';
import type { RequestEvidence } from '../correlate/requestEvidence.ts';

type Window = { start: number; end: number };

/**
 * Which API, stage and time window the diagnosis is about: the command line first, then the alarm,
 * then the stage document and the export, then what the logs themselves show.
 */
export class Scope {
  apiId?: string;
  apiName?: string;
  stage?: string;
  apiType: 'REST' | 'HTTP' | 'UNKNOWN' = 'UNKNOWN';
  region?: string;
  accountId?: string;
  windowSource: 'alarm' | 'command-line' | 'failures' | 'none' = 'none';
  private fixedWindow?: Window;

  constructor(
    private readonly context: BundleContext,
    private readonly options: DiagnoseOptions,
  ) {}

  /** After the logs are read: fill what the documents did not say from what the logs show. */
  learnFrom(requests: readonly RequestEvidence[], collected: CollectedEvidence): void {
    if (!this.apiId) {
      const apis = [...collected.apisSeen].map((s) => s.split('/')[0]);
      const distinct = [...new Set(apis)];
      if (distinct.length === 1 && distinct[0]) this.apiId = distinct[0];
      else {
        const fromRequests = requests.map((r) => r.execution?.apiId ?? r.access?.apiId).find(Boolean);
        if (fromRequests) this.apiId = fromRequests;
      }
    }
    if (!this.stage) {
      const stages = [...new Set([...collected.apisSeen].map((s) => s.split('/')[1]))];
      if (stages.length === 1 && stages[0]) this.stage = stages[0];
      else {
        const fromRequests = requests.map((r) => r.execution?.stage ?? r.access?.stage).find(Boolean);
        if (fromRequests) this.stage = fromRequests;
      }
    }
    if (this.apiType === 'UNKNOWN') {
      if (collected.groupsByKind.execution.size > 0 || collected.failingExecution.size > 0) this.apiType = 'REST';
      else if (requests.some((r) => r.access?.routeKey)) this.apiType = 'HTTP';
      else if (requests.some((r) => r.access?.resourcePath)) this.apiType = 'REST';
    }
    if (!this.region || !this.accountId) {
      for (const r of requests) {
        const arn = r.facts?.functionArn ?? r.functionConfig?.arn;
        if (arn) this.learnArn(arn);
        if (this.region && this.accountId) break;
      }
    }
  }

  /** The window the diagnosis uses; undefined means "wherever the failures are". */
  window(requests: readonly RequestEvidence[]): Window | undefined {
    if (this.fixedWindow) return this.fixedWindow;
    if (this.options.since !== undefined) {
      const times = requests.map((r) => r.time).filter((t) => t > 0);
      const now = this.options.now ?? this.context.alarm?.stateChangeTime ?? (times.length > 0 ? Math.max(...times) : Date.now());
      this.windowSource = 'command-line';
      this.fixedWindow = { start: now - this.options.since, end: now };
      return this.fixedWindow;
    }
    return undefined;
  }

  init(): void {
    const { options, context } = this;
    if (options.apiId) this.apiId = options.apiId;
    if (options.stage) this.stage = options.stage;
    const alarm = context.alarm;
    if (alarm) {
      const dims = alarm.dimensions;
      if (!this.apiId && dims['ApiId']) this.apiId = dims['ApiId'];
      if (dims['ApiName']) this.apiName = dims['ApiName'];
      if (!this.stage && dims['Stage']) this.stage = dims['Stage'];
      if (alarm.metricName === '5XXError' || dims['ApiName']) this.apiType = 'REST';
      else if (alarm.metricName === '5xx' || dims['ApiId']) this.apiType = 'HTTP';
    }
    if (!this.stage && context.stage?.stageName) this.stage = context.stage.stageName;
    if (!this.apiId && context.stage?.apiId) this.apiId = context.stage.apiId;
    if (!this.apiId && context.api?.apiId) this.apiId = context.api.apiId;
    if (!this.apiName && context.api?.title) this.apiName = context.api.title;
    if (this.apiType === 'UNKNOWN') this.apiType = context.stage?.apiType ?? context.api?.apiType ?? 'UNKNOWN';
    for (const f of context.functions) if (f.arn) this.learnArn(f.arn);

    if (options.from !== undefined && options.to !== undefined) {
      this.fixedWindow = { start: options.from, end: options.to };
      this.windowSource = 'command-line';
    } else if (options.since === undefined && alarm) {
      const w = computeWindow(alarm);
      if (w) {
        this.fixedWindow = w;
        this.windowSource = 'alarm';
      }
    }
  }

  private learnArn(arn: string): void {
    const parts = arn.split(':');
    if (!this.region && parts[3]) this.region = parts[3];
    if (!this.accountId && parts[4] && /^\d{12}$/.test(parts[4])) this.accountId = parts[4];
  }
}

export function resolveScope(context: BundleContext, options: DiagnoseOptions): Scope {
  const scope = new Scope(context, options);
  scope.init();
  return scope;
}
