/** The help the command prints; the exit statuses are the contract's (section 3). */

export const TOP_LEVEL_HELP = `apigw-doctor: diagnoses HTTP 5xx errors behind AWS API Gateway (REST and HTTP APIs)

Usage:
  apigw-doctor diagnose --evidence DIR [options]
  apigw-doctor diagnose --api ID|NAME --stage STAGE [options]
  apigw-doctor diagnose --alarm NAME [options]
  apigw-doctor collect (--api ID|NAME --stage STAGE | --alarm NAME) --out DIR [options]
  apigw-doctor --help
  apigw-doctor --version

Commands:
  diagnose    name the root cause of the 5xx errors, with the evidence and what
              to do: from an incident bundle, or from a live account with your
              own AWS credentials (read-only; see docs/IAM.md)
  collect     record the evidence a live diagnosis reads as an incident bundle,
              to replay with diagnose --evidence or attach to a ticket
  help [cmd]  show this help, or the help of a command

Run 'apigw-doctor diagnose --help' for the options of diagnose.

Exit status: 0 a diagnosis was produced (whatever it says), 2 usage error,
unreadable bundle, or an API, stage or alarm that is not there, 1 internal error.
`;

const LIVE_OPTIONS_HELP = `      --api ID|NAME      a live REST or HTTP API, by id or name (with --stage)
      --stage STAGE      its stage
      --alarm NAME       the CloudWatch alarm that fired: it names the API and
                         stage, and its state change gives the window
      --from TIME        start of the incident window, ISO 8601
                         (2026-11-24T10:00:00Z; no zone means UTC)
      --to TIME          end of the incident window (with --from)
      --since DURATION   the last DURATION instead: 30m, 2h, 1d, 1h30m
      --region REGION    the API's region (default: AWS_REGION or the profile's)
      --profile NAME     a profile of ~/.aws/config (default: the SDK's chain)
      --sample-size N    failing requests read in depth, stratified by error
                         signature (default 20)
      --budget SIZE      most Logs Insights may scan (default 1GB); past it the
                         time ranges are narrowed and the diagnosis says so`;

export const DIAGNOSE_HELP = `Usage: apigw-doctor diagnose --evidence DIR [options]
       apigw-doctor diagnose --api ID|NAME --stage STAGE [options]
       apigw-doctor diagnose --alarm NAME [options]

Prints the root cause of the API's 5xx errors, the evidence for it and what to
do. With --evidence it reads an incident bundle (a folder of AWS CLI outputs:
logs/, traces/, api/, functions/, metrics/, changes/, alarm.json; at least one
log file). With --api or --alarm it reads the live account with your own AWS
credentials: a few CloudWatch Logs Insights queries over the access, execution
and Lambda logs, X-Ray, metrics and CloudTrail — read-only (docs/IAM.md).

Options:
  -e, --evidence DIR     the incident bundle folder
  -f, --format FORMAT    text (default), json or markdown; json prints only the
                         diagnosis JSON on stdout
${LIVE_OPTIONS_HELP}
      --no-color         no ANSI colour (also NO_COLOR=1; FORCE_COLOR=1 forces it)
  -h, --help             show this help

Give one of --evidence, --api or --alarm. With --evidence, --api ID and --stage
choose the API when the bundle holds several. Without --from/--to or --since,
the window comes from the alarm, else (bundle) from the failing requests found,
else (live) the last hour. While a live diagnosis runs, a terminal shows on
stderr which step runs, how many queries and for how long.

Environment:
  APIGW_DOCTOR_DEBUG=1   print the stack trace of an internal error
  AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL   as for the AWS CLI

Examples:
  apigw-doctor diagnose --evidence ./incident-2026-11-24
  apigw-doctor diagnose -e ./incident --format json > diagnosis.json
  apigw-doctor diagnose --api orders-api --stage prod --since 30m
  apigw-doctor diagnose --alarm orders-api-prod-5xx --region eu-west-1

Exit status: 0 a diagnosis was produced (whatever it says), 2 usage error,
unreadable bundle, or an API, stage or alarm that is not there, 1 internal error.
`;

export const COLLECT_HELP = `Usage: apigw-doctor collect (--api ID|NAME --stage STAGE | --alarm NAME) --out DIR [options]

Runs a live diagnosis and writes exactly the evidence it read as an incident
bundle in DIR (a new or empty folder): the Logs Insights rows as get-query-results
output under logs/, traces/, api/, functions/, metrics/, changes/, alarm.json,
and a README.md with the queries run and the command that replays it:
apigw-doctor diagnose --evidence DIR gives the same diagnosis offline.

Options:
  -o, --out DIR          the folder to write the bundle to (required)
${LIVE_OPTIONS_HELP}
  -h, --help             show this help

Exit status: 0 the bundle was written, 2 usage error or an API, stage or alarm
that is not there, 1 internal error.
`;
