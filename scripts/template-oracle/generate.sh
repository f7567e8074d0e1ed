#!/bin/sh
# Regenerates Tests/TocsinTemplateTests/Fixtures/cases.json from corpus.txt with Go's own template engine.
# Needs Go (Debian golang-go) and golang.org/x/text (Debian golang-golang-x-text-dev).
# With ALERTMANAGER_TEMPLATES=<dir holding Alertmanager 0.25's default.tmpl and email.tmpl>, the cases
# marked "defaults: true" render against those templates; the files themselves are not copied here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
fixtures="$here/../../Tests/TocsinTemplateTests/Fixtures"
gopath=$(mktemp -d)
trap 'rm -rf "$gopath"' EXIT
mkdir -p "$gopath/src/tocsin"
ln -s "$here" "$gopath/src/tocsin/template-oracle"
cd "$gopath/src/tocsin/template-oracle"
GO111MODULE=off GOPATH="$gopath:/usr/share/gocode" GOCACHE="${GOCACHE:-$gopath/cache}" go build -o "$gopath/oracle" .
TZ=UTC "$gopath/oracle" "$here/corpus.txt" "$fixtures/datasets.json" ${ALERTMANAGER_TEMPLATES:-} > "$fixtures/cases.json"
echo "wrote $fixtures/cases.json"
