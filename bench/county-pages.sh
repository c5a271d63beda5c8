#!/usr/bin/env bash
# The county dashboard against the subject list under the same wrk load (issue 15, item 5), on a county database kept
# by the county bench (`dotnet run -c Release --project bench/SanLing.Bench.County -- --db sqlite --keep DIR …`):
# starts the portal on a copy of DIR/sanling.db (and DIR/keys), creates with the portal's own create-user command an
# office account of town T01 and a 县综治中心 and a 县领导 account of its county (no demo accounts), waits for the
# portal's start-up catch-up of the current year's as-of runs (预评, Evaluation:RefreshAsOfOnStart: one run per town,
# as the nightly refresh leaves them in production; it writes, so measuring during it would be noise), then
#  - the county dashboard's uncached times: the first request after start (cold process), then each year's page
#    (/Counties/Index?year=Y, a cache key of its own, so built from the database in a warm process);
#  - wrk on the subject list (/Subjects as T01's office) and on /Counties/Index as county leader and as county center,
#    printing both p99s and their ratio (the dashboard is cached by data version: under wrk it is answered from memory
#    while nothing is written);
#  - the county workbook (/Counties/Export?year=EXPORT_YEAR) downloaded once as county center, timed.
#
#   DB=/tmp/county30/sanling.db bench/county-pages.sh [SanLing.Web.dll]
#
# Environment: DB (required), DURATION (wrk -d, default 20s), CONNECTIONS (default 8), PORT (default 5197),
#   EXPORT_YEAR (default 2025), EXPORT_ROLES (default countycenter; "countyleader countycenter", or "" to skip),
#   EXPORT_TIMEOUT seconds (default 600), PAGES=dir (keeps each year's page there). Needs wrk, curl, sqlite3 and unzip.
set -euo pipefail

[[ -n ${DB:-} && -f ${DB:-} ]] || { echo "DB=path/sanling.db (kept by the county bench with --keep) is required" >&2; exit 2; }
duration=${DURATION:-20s}
connections=${CONNECTIONS:-8}
export_year=${EXPORT_YEAR:-2025}
export PASSWORD=Bench-county-2026
export DEMO=false
# Warnings and errors to the portal's log (no line per request): the bench runs without the shipped appsettings.json.
export Serilog__WriteTo__0__Name=Console Serilog__MinimumLevel__Default=Warning

# Accounts through the portal's own command line, on the copy, before the portal starts.
prepare_database() {
  local user role
  for user in "office1 office" "countycenter county-center" "countyleader county-leader"; do
    role=${user#* }
    user=${user%% *}
    echo "$password" | env "${portal_env[@]}" dotnet "$dll" create-user "$user" "$role" --town T01 > /dev/null
  done
}

# shellcheck source=portal.sh
source "$(dirname "$0")/portal.sh"
office=$(sign_in office1)
center=$(sign_in countycenter)
leader=$(sign_in countyleader)
[[ -n $office && -n $center && -n $leader ]] || { echo "sign-in failed" >&2; cat "$work/portal.log" >&2; exit 1; }

# The start-up catch-up: every town gets an as-of run of today (town time); each commits with its results.
towns_all=$(sqlite3 "$work/sanling.db" "SELECT COUNT(*) FROM Towns")
clock=$SECONDS
for _ in $(seq 1 1200); do
  refreshed=$(sqlite3 "$work/sanling.db" "PRAGMA busy_timeout = 10000; SELECT COUNT(DISTINCT TownId) FROM EvaluationRuns WHERE Kind = 2 AND AsOf = (SELECT MAX(AsOf) FROM EvaluationRuns WHERE Kind = 2)" | tail -1)
  [[ $refreshed -ge $towns_all ]] && break
  sleep 2
done
echo "start-up as-of catch-up: $refreshed of $towns_all towns after $((SECONDS - clock)) s"
sleep 5

towns=$(sqlite3 "$work/sanling.db" "SELECT COUNT(*) FROM Towns WHERE CountyId = (SELECT CountyId FROM Towns WHERE Code = 'T01')")
subjects=$(sqlite3 "$work/sanling.db" "SELECT COUNT(*) FROM Subjects WHERE TownId = (SELECT Id FROM Towns WHERE Code = 'T01')")
runs=$(sqlite3 "$work/sanling.db" "SELECT COUNT(*) FROM EvaluationRuns WHERE IsPublished = 1")
echo "county of T01: $towns towns; T01: $subjects subjects; published runs: $runs; load: $(uptime | sed 's/.*load average: //')"

# Uncached: each request below is the first of its cache key (county, year, day, culture).
fetch() { curl -s -o "$work/page.html" -w '%{http_code} %{time_total}\n' -H "Cookie: $1" "$base$2"; }
read -r code seconds < <(fetch "$leader" /Counties/Index)
[[ $code == 200 ]] || { echo "GET /Counties/Index answered $code" >&2; tail -50 "$work/portal.log" >&2; exit 1; }
# The towns ranked on the page: rows of the towns table (#county-towns) with a rank (a town without a run shows "—").
ranked() { grep -c '<td class="rank">[0-9]' "$work/page.html" || true; }
shown=$(ranked)
echo "uncached /Counties/Index, first request after start: $seconds s ($shown of $towns towns ranked on the page)"
[[ $shown == "$towns" ]] || echo "WARNING: the dashboard ranks $shown towns, the county has $towns" >&2
for year in $(sqlite3 "$work/sanling.db" "SELECT DISTINCT Year FROM EvaluationRuns WHERE IsPublished = 1 ORDER BY Year DESC"); do
  read -r code seconds < <(fetch "$center" "/Counties/Index?year=$year")
  [[ $code == 200 ]] || { echo "GET /Counties/Index?year=$year answered $code" >&2; exit 1; }
  echo "uncached /Counties/Index?year=$year (warm process): $seconds s ($(ranked) towns ranked)"
  if [[ -n ${PAGES:-} ]]; then cp "$work/page.html" "$PAGES/county-$year.html"; fi
done

# p99 in milliseconds of one wrk run (wrk --latency prints e.g. "99%   16.61ms").
p99() {
  local cookie=$1 url=$2 code
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$url") # warm-up, and a check
  [[ $code == 200 ]] || { echo "GET $url answered $code" >&2; exit 1; }
  wrk -t2 -c"$connections" -d"$duration" --timeout 10s --latency -H "Cookie: $cookie" "$base$url" |
    awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.1f", v }'
}

printf '%-34s %-13s %12s %12s %8s\n' page role "list p99 ms" "page p99 ms" "× list"
for line in "countyleader /Counties/Index" "countycenter /Counties/Index"; do
  role=${line%% *}
  url=${line#* }
  cookie=$leader
  [[ $role == countycenter ]] && cookie=$center
  list=$(p99 "$office" /Subjects)
  page=$(p99 "$cookie" "$url")
  printf '%-34s %-13s %12s %12s %8.1f\n' "$url" "$role" "$list" "$page" "$(awk -v a="$page" -v b="$list" 'BEGIN { print a / b }')"
done

# The workbook: once per role in EXPORT_ROLES (default countycenter, the full version; "" skips it). At 30 towns it
# takes about 15 s (bench/README-county.md; bench/county-export.sh measures it alone, with the portal's peak memory).
for role in ${EXPORT_ROLES-countycenter}; do
  cookie=$leader
  [[ $role == countycenter ]] && cookie=$center
  read -r code seconds bytes < <(curl -s -o "$work/county.xlsx" -w '%{http_code} %{time_total} %{size_download}\n' --max-time "${EXPORT_TIMEOUT:-600}" \
    -H "Cookie: $cookie" "$base/Counties/Export?year=$export_year" || echo "timeout ${EXPORT_TIMEOUT:-600} 0")
  sheets=$( [[ $code == 200 ]] && unzip -l "$work/county.xlsx" | grep -c 'xl/worksheets/sheet' || echo 0)
  echo "/Counties/Export?year=$export_year as $role: HTTP $code, $seconds s, $bytes bytes, $sheets sheets, portal peak working set $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/$portal/status")"
done
echo "load: $(uptime | sed 's/.*load average: //')"
# Errors in the portal's log, leaving out the requests wrk abandons when it stops (logged as 500 with the cancellation
# of the request's token: no client is there to read them).
awk '/^\[[0-9:]+ (ERR|FTL)\]/ { held = $0; next }
     held != "" { if ($0 !~ /(TaskCanceled|OperationCanceled)Exception/) print held "\n" $0; held = "" }' "$work/portal.log" > "$work/errors"
aborted=$(grep -cE '^\[[0-9:]+ ERR\] HTTP .* responded 500' "$work/portal.log" || true)
echo "portal log: $(grep -c . "$work/errors" || true) error lines other than requests abandoned by wrk ($aborted 500s logged in all)"
[[ -s $work/errors ]] && head -40 "$work/errors" >&2
exit 0
