#!/usr/bin/env bash
# Sourced by the bench scripts: starts the portal (Production settings, the demo town, no second-factor enrolment) in
# a temporary folder on $PORT (default 5197), waits for it, and defines sign_in USER (prints the Cookie header's value).
# The caller sets `set -euo pipefail` and may pass the SanLing.Web.dll path as $1. Optional: PASSWORD (sign_in's
# password, default the demo one), DEMO=false (no demo town), and a function prepare_database, called on the copy of
# $DB before the portal starts (e.g. to create accounts with the portal's own commands; portal_env gives the settings).
here=$(cd "$(dirname "$0")/.." && pwd)
dll=${1:-$here/src/SanLing.Web/bin/Release/net10.0/SanLing.Web.dll}
port=${PORT:-5197}
base=http://127.0.0.1:$port
password=${PASSWORD:-Zero3-demo-2026}
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
portal_env=(ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=$base
  "ConnectionStrings__SanLing=Data Source=$work/sanling.db" "Demo__Enabled=${DEMO:-true}" Security__RequireTwoFactor=false
  Security__LoginAttemptsPerMinute=1000)
if declare -F prepare_database > /dev/null; then prepare_database; fi
env "${portal_env[@]}" dotnet "$dll" > "$work/portal.log" 2>&1 &
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
