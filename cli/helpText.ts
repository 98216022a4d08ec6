/** The help the command prints; the exit statuses are the contract's (section 3). */

export const TOP_LEVEL_HELP = `apigw-doctor: diagnoses HTTP 5xx errors behind AWS API Gateway (REST and HTTP APIs)

Usage:
  apigw-doctor diagnose --evidence DIR [options]
  apigw-doctor --help
  apigw-doctor --version

Commands:
  diagnose    read an incident bundle and name the root cause of the 5xx errors,
              with the evidence and what to do
  help [cmd]  show this help, or the help of a command

Run 'apigw-doctor diagnose --help' for the options of diagnose.

Exit status: 0 a diagnosis was produced (whatever it says), 2 usage error or
unreadable bundle, 1 internal error.
`;

export const DIAGNOSE_HELP = `Usage: apigw-doctor diagnose --evidence DIR [options]

Reads an incident bundle (a folder of AWS CLI outputs: logs/, traces/, api/,
functions/, metrics/, changes/, alarm.json; at least one log file) and prints
the root cause of the API's 5xx errors, the evidence for it and what to do.

Options:
  -e, --evidence DIR     the incident bundle folder (required)
  -f, --format FORMAT    text (default), json or markdown; json prints only the
                         diagnosis JSON on stdout
      --from TIME        start of the incident window, ISO 8601
                         (2026-11-24T10:00:00Z; no zone means UTC)
      --to TIME          end of the incident window (with --from)
      --since DURATION   the last DURATION instead: 30m, 2h, 1d, 1h30m
      --api ID           the API to diagnose when the bundle holds several
      --stage STAGE      the stage to diagnose
      --sample-size N    how many request ids to sample per finding
      --no-color         no ANSI colour (also NO_COLOR=1; FORCE_COLOR=1 forces it)
  -h, --help             show this help

Without --from/--to or --since, the window comes from the alarm in the bundle,
or else from the failing requests found.

Diagnosing a live account (--region, --profile, --alarm) is not available yet:
record an incident bundle with the AWS CLI and pass it with --evidence.

Environment:
  APIGW_DOCTOR_DEBUG=1   print the stack trace of an internal error

Examples:
  apigw-doctor diagnose --evidence ./incident-2026-11-24
  apigw-doctor diagnose -e ./incident --format json > diagnosis.json
  apigw-doctor diagnose -e ./incident --since 2h --stage prod --format markdown

Exit status: 0 a diagnosis was produced (whatever it says), 2 usage error or
unreadable bundle, 1 internal error.
`;
