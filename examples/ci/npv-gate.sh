#!/usr/bin/env bash
# npv as a merge gate: check the invariants (JUnit + SARIF + Markdown reports from one solve) and
# diff the manifests against the target branch. Exit non-zero when an invariant fails or the change
# opens traffic.
#
#   NPV=./npv examples/ci/npv-gate.sh MANIFEST_DIR SPEC_FILE BASE_REV [REPORT_DIR]
#
# NPV is the npv command (default: npv on PATH). BASE_REV is the target branch's commit, e.g.
# origin/main; MANIFEST_DIR must be a path inside the repository, relative to its top.
set -u
manifests="$1"
spec="$2"
base_rev="$3"
reports="${4:-npv-reports}"
npv="${NPV:-npv}"
mkdir -p "$reports"

$npv check --spec "$spec" \
  --format junit --output "$reports/npv-check.junit.xml" \
  --format sarif --output "$reports/npv-check.sarif" \
  --format markdown --output "$reports/npv-check.md" \
  "$manifests"
check=$?

$npv diff --fail-on opened --format text --output "$reports/npv-diff.txt" "git:$base_rev:$manifests" "$manifests"
diff=$?

echo "npv check exit $check, npv diff exit $diff (reports in $reports)"
if [ "$check" -ne 0 ]; then exit "$check"; fi
exit "$diff"
