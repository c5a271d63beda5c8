#!/usr/bin/env bash
# The monthly-inspection export of the demo town (issue 14, item 5: the 71 k-row export in under 2 s): starts the
# portal as bench/pages.sh does, signs in as office, downloads /Imports/Export/inspections RUNS times (default 3)
# and prints each download's seconds, the file's size and the number of inspection rows it holds.
#
#   bench/export.sh [SanLing.Web.dll]        default: src/SanLing.Web/bin/Release/net10.0/SanLing.Web.dll
#
# Environment: RUNS, PORT, DB (as in bench/pages.sh). Needs curl, sqlite3 and unzip.
set -euo pipefail

runs=${RUNS:-3}
# shellcheck source=portal.sh
source "$(dirname "$0")/portal.sh"
office=$(sign_in office)
inspections=$(sqlite3 "$work/sanling.db" "SELECT COUNT(*) FROM Inspections")
echo "inspections in the demo town: $inspections"
for i in $(seq 1 "$runs"); do
  curl -fs -o "$work/export.xlsx" -w "download $i: %{time_total} s, %{size_download} bytes\n" -H "Cookie: $office" "$base/Imports/Export/inspections"
done
rows=$(unzip -p "$work/export.xlsx" 'xl/worksheets/sheet1.xml' | grep -o '<row ' | wc -l)
echo "rows in the first sheet (header included): $rows"
