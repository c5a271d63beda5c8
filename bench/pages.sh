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

here=$(cd "$(dirname "$0")/.." && pwd)
dll=${1:-$here/src/SanLing.Web/bin/Release/net10.0/SanLing.Web.dll}
duration=${DURATION:-20s}
connections=${CONNECTIONS:-8}
port=${PORT:-5197}
base=http://127.0.0.1:$port
password=Zero3-demo-2026
work=$(mktemp -d)
portal=

cleanup() {
  if [[ -n $portal ]]; then kill "$portal" 2>/dev/null || true; wait "$portal" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [[ -n ${DB:-} ]]; then
  cp "$DB" "$work/sanling.db"
  cp -r "$(dirname "$DB")/keys" "$work/keys"
fi

# Production settings (no developer pages), with the demo town and without the second-factor enrolment.
ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=$base \
  ConnectionStrings__SanLing="Data Source=$work/sanling.db" Demo__Enabled=true Security__RequireTwoFactor=false \
  Security__LoginAttemptsPerMinute=1000 \
  dotnet "$dll" > "$work/portal.log" 2>&1 &
portal=$!

for _ in $(seq 1 600); do
  curl -fs "$base/healthz" > /dev/null 2>&1 && break
  kill -0 "$portal" 2>/dev/null || { cat "$work/portal.log"; exit 1; }
  sleep 1
done

# Signs in with a form post (antiforgery token and cookie from the login page); prints the Cookie header's value.
sign_in() {
  local jar=$work/$1.jar token
  token=$(curl -fs -c "$jar" "$base/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "UserName=$1" --data-urlencode "Password=$password" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/Account/Login"
  awk '$6 ~ /^SanLing\./ { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar"
}
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
