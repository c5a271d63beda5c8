#!/usr/bin/env bash
# The heavy pages against the subject list under the same wrk load (issue 14, item 5): starts the portal on the demo
# town in a temporary folder, signs in as office and leader, and for each heavy page runs wrk on the list page and then
# on the page, printing both p99s and their ratio (the machine may be shared and noisy: compare ratios).
#
#   bench/pages.sh [SanLing.Web.dll]        default: src/SanLing.Web/bin/Release/net10.0/SanLing.Web.dll
#
# Environment: DURATION (wrk -d, default 20s), CONNECTIONS (default 8), PORT (default 5197),
#   DB=path/sanling.db to copy an already seeded database (and its keys folder beside it) instead of seeding one.
# Needs wrk, curl and sqlite3 (apt-get install wrk curl sqlite3).
set -euo pipefail

duration=${DURATION:-20s}
connections=${CONNECTIONS:-8}
# shellcheck source=portal.sh
source "$(dirname "$0")/portal.sh"
office=$(sign_in office)
leader=$(sign_in leader)
countyleader=$(sign_in countyleader)

run=$(sqlite3 "$work/sanling.db" "SELECT Id FROM EvaluationRuns WHERE IsPublished = 1 ORDER BY Year DESC, Id DESC LIMIT 1")

# p99 in milliseconds of one wrk run (wrk --latency prints e.g. "99%   16.61ms").
p99() {
  local cookie=$1 url=$2 code
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$url") # warm-up, and a check
  [[ $code == 200 ]] || { echo "GET $url answered $code" >&2; exit 1; }
  wrk -t2 -c"$connections" -d"$duration" --timeout 10s --latency -H "Cookie: $cookie" "$base$url" |
    awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.1f", v }'
}

printf '%-34s %-8s %12s %12s %8s\n' page role "list p99 ms" "page p99 ms" "× list"
for line in "office /Dashboard" "leader /Dashboard" "office /Dashboard/Office" "office /InspectionReview" \
            "office /Evaluation/Warning" "office /Evaluation/Results/$run" "leader /Dashboard/Results/$run" "countyleader /Counties/Index"; do
  role=${line%% *}
  url=${line#* }
  cookie=$office
  [[ $role == leader ]] && cookie=$leader
  [[ $role == countyleader ]] && cookie=$countyleader
  list=$(p99 "$office" /Subjects)
  page=$(p99 "$cookie" "$url")
  printf '%-34s %-8s %12s %12s %8.1f\n' "$url" "$role" "$list" "$page" "$(awk -v a="$page" -v b="$list" 'BEGIN { print a / b }')"
done
