/** `npm run bench -- [--events N] [--runs N] [--keep] [--dir DIR] [--seed N] [--cpu-prof DIR]` */
export interface BenchArgs {
  events: number;
  keep: boolean;
  /** Diagnose this existing bundle instead of generating one (it is kept). */
  dir?: string;
  seed: number;
  /** Measurements of each of (a) and (b), taken in turn; the fastest counts (the machine is shared). */
  runs: number;
  /** Write a V8 CPU profile of the diagnosis child into this folder. */
  cpuProfDir?: string;
}

export const DEFAULT_EVENTS = 2_000_000;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { events: DEFAULT_EVENTS, keep: false, seed: 20260310, runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--events') {
      const n = Number(value().replace(/_/g, ''));
      if (!Number.isInteger(n) || n < 1000) throw new Error('--events must be an integer of at least 1000');
      args.events = n;
    } else if (arg === '--keep') args.keep = true;
    else if (arg === '--dir') args.dir = value();
    else if (arg === '--seed') args.seed = Number(value());
    else if (arg === '--cpu-prof') args.cpuProfDir = value();
    else if (arg === '--runs') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error('--runs must be a positive integer');
      args.runs = n;
    } else throw new Error(`unknown argument ${arg} (use --events N, --runs N, --keep, --dir DIR, --seed N, --cpu-prof DIR)`);
  }
  return args;
}
