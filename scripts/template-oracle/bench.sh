#!/bin/sh
# Times Alertmanager 0.25's default Slack texts and HTML email over 100 alerts with Go's text/template and
# html/template (bench.go), the Go side of `swift run -c release template-bench defaults`.
# Usage: scripts/template-oracle/bench.sh [ITERATIONS]
# Needs Go (Debian golang-go, 1.19 like Alertmanager 0.25's build), golang.org/x/text
# (golang-golang-x-text-dev) and Alertmanager's default templates: ALERTMANAGER_TEMPLATES=<dir with
# default.tmpl and email.tmpl>, else they are read from the prometheus/alertmanager checkout given as
# ALERTMANAGER_REPO (git, tag v0.25.0). They are not copied into this repository.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
templates=${ALERTMANAGER_TEMPLATES:-}
if [ -z "$templates" ]; then
  : "${ALERTMANAGER_REPO:?set ALERTMANAGER_TEMPLATES or ALERTMANAGER_REPO}"
  templates="$work/templates"
  mkdir -p "$templates"
  for f in default.tmpl email.tmpl; do
    git --git-dir="$ALERTMANAGER_REPO" show "v0.25.0:template/$f" > "$templates/$f"
  done
fi
mkdir -p "$work/src/tocsin"
ln -s "$here" "$work/src/tocsin/template-oracle"
cd "$work/src/tocsin/template-oracle"
GO111MODULE=off GOPATH="$work:/usr/share/gocode" GOCACHE="${GOCACHE:-$work/cache}" go build -o "$work/oracle" .
TZ=UTC "$work/oracle" -bench "$templates" "${1:-1000}"
