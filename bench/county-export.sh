#!/usr/bin/env bash
# The county workbook (/Counties/Export?year=Y) downloaded once as 县综治中心, on a county database kept by the county
# bench (`dotnet run -c Release --project bench/SanLing.Bench.County -- --db sqlite --keep DIR …`): starts the portal on
# a copy of DIR/sanling.db (without the start-up as-of catch-up, which writes), creates the account with the portal's
# own create-user command, then prints the download's time and size, the workbook's sheets and rows, and the portal's
# peak resident memory during the export (VmHWM, reset just before it through /proc/PID/clear_refs).
#
#   DB=/tmp/county30/sanling.db bench/county-export.sh [SanLing.Web.dll]
#
# Environment: DB (required), EXPORT_YEAR (default 2025), PORT (default 5197). Needs curl, sqlite3 and unzip.
set -euo pipefail

[[ -n ${DB:-} && -f ${DB:-} ]] || { echo "DB=path/sanling.db (kept by the county bench with --keep) is required" >&2; exit 2; }
export_year=${EXPORT_YEAR:-2025}
export PASSWORD=Bench-county-2026
export DEMO=false
export Serilog__WriteTo__0__Name=Console Serilog__MinimumLevel__Default=Warning Evaluation__RefreshAsOfOnStart=false

prepare_database() {
  echo "$password" | env "${portal_env[@]}" dotnet "$dll" create-user countycenter county-center --town T01 > /dev/null
}

# shellcheck source=portal.sh
source "$(dirname "$0")/portal.sh"
center=$(sign_in countycenter)
[[ -n $center ]] || { echo "sign-in failed" >&2; cat "$work/portal.log" >&2; exit 1; }
towns=$(sqlite3 "$work/sanling.db" "SELECT COUNT(*) FROM Towns WHERE CountyId = (SELECT CountyId FROM Towns WHERE Code = 'T01')")
echo "county of T01: $towns towns; before the export: $(grep -E 'VmRSS|VmHWM' /proc/$portal/status | tr -s ' \n' ' ')"

echo 5 > "/proc/$portal/clear_refs"
read -r code seconds size < <(curl -s -o "$work/county.xlsx" -w '%{http_code} %{time_total} %{size_download}\n' --max-time 900 \
  -H "Cookie: $center" "$base/Counties/Export?year=$export_year")
[[ $code == 200 ]] || { echo "GET /Counties/Export?year=$export_year answered $code" >&2; tail -50 "$work/portal.log" >&2; exit 1; }
echo "export $export_year: $seconds s, $size bytes; portal peak during the export: $(grep VmHWM "/proc/$portal/status" | tr -s ' ')"
for sheet in $(unzip -Z1 "$work/county.xlsx" 'xl/worksheets/*.xml' | sort -V); do
  echo "  $sheet: $(unzip -p "$work/county.xlsx" "$sheet" | grep -o '<row ' | wc -l) rows"
done
