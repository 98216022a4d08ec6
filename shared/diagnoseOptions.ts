/** What the command line (or the pipeline) asks of a diagnosis, beyond the bundle itself. */
export interface DiagnoseOptions {
  /** Start of the incident window, epoch ms (with `to`). */
  from?: number;
  /** End of the incident window, epoch ms (with `from`). */
  to?: number;
  /** Length of a window that ends at `now`, ms (instead of from/to). */
  since?: number;
  /** API to diagnose when the bundle holds several (`--api`). */
  apiId?: string;
  /** Stage to diagnose. */
  stage?: string;
  /** The clock, epoch ms; left unset by the CLI so the engine decides what "now" is for a recorded bundle. */
  now?: number;
  /** How many request ids to sample per finding and in failingRequests.sampled. */
  sampleSize?: number;
}
