#!/usr/bin/env bash
# Builds the example plan at 1×, 4× and 16× its content and prints a table:
# median wall time of several runs, median CPU time (user + system, all
# threads: steadier than wall time when the machine is shared), time per page,
# peak memory (RSS), PDF size. The row `1x pdf` builds the PDF alone
# (`--format pdf`); the others build the PDF and the DOCX.
#
#     scripts/bench.sh [runs]        # default 5 runs per size
#     PHAEN=/path/to/phaen scripts/bench.sh   # another binary (e.g. an older build)
#
# Needs a release build (cargo build --release), python3 with PyYAML, GNU time
# (/usr/bin/time, package `time`) and pdfinfo (poppler-utils). The scaled
# plans repeat the lists of paragraphs and the strategy tables of every part
# and are checked with `phaen check` before timing.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
BIN=${PHAEN:-target/release/phaen}
PLAN=data/chachoengsao2-2563.yaml
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
[ -x "$BIN" ] || { echo "build first: cargo build --release" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time): apt-get install time" >&2; exit 1; }

scale() { # scale FACTOR OUT
  python3 - "$PLAN" "$1" "$2" <<'PY'
import sys, yaml
src, k, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
plan = yaml.safe_load(open(src, encoding='utf-8'))
def rep(node, *path):
    for p in path[:-1]:
        node = node.get(p) if isinstance(node, dict) else None
        if node is None:
            return
    last = path[-1]
    if isinstance(node, dict) and isinstance(node.get(last), list):
        node[last] = node[last] * k
for path in [('foreword', 'paragraphs'), ('introduction', 'background'), ('introduction', 'office_profile'),
             ('introduction', 'missions'), ('introduction', 'goals'), ('introduction', 'strategies'),
             ('introduction', 'code_of_conduct'), ('introduction', 'approach', 'items'),
             ('context', 'national_strategy', 'objectives'), ('context', 'national_strategy', 'strategies'),
             ('action_plan', 'missions'), ('action_plan', 'indicators'), ('action_plan', 'strategies')]:
    rep(plan, *path)
with open(out, 'w', encoding='utf-8') as f:
    yaml.safe_dump(plan, f, allow_unicode=True, sort_keys=False, width=10**6)
PY
}

echo "phaen $(git describe --always --dirty 2>/dev/null || echo '?') on $(nproc) cores; load:$(uptime | sed 's/.*load average://')"
printf '%-7s %7s %10s %8s %9s %10s %12s\n' size pages "median ms" "CPU ms" "ms/page" "peak RSS" "PDF bytes"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for row in 1 "1 pdf" 4 16; do
  k=${row% pdf}
  plan="$WORK/plan-${k}x.yaml"
  if [ ! -f "$plan" ]; then
    if [ "$k" = 1 ]; then cp "$PLAN" "$plan"; else scale "$k" "$plan"; fi
    "$BIN" check "$plan" >/dev/null 2>&1 || { echo "the ${k}× plan does not check clean:" >&2; "$BIN" check "$plan" >&2; exit 1; }
  fi
  format=(); [ "$row" != "$k" ] && format=(--format pdf)
  times=(); cpus=(); rss=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/t" "$BIN" build "$plan" "${format[@]}" -o "$WORK/out" >/dev/null 2>&1
    read -r s u sy kb < "$WORK/t"
    times+=("$(python3 -c "print(round($s*1000))")")
    cpus+=("$(python3 -c "print(round(($u+$sy)*1000))")")
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  med=$(printf '%s\n' "${times[@]}" | median)
  cpu=$(printf '%s\n' "${cpus[@]}" | median)
  pdf="$WORK/out/plan-${k}x.pdf"
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  printf '%-7s %7s %10s %8s %9.1f %7.1f MB %12s\n' "${k}x${row#$k}" "$pages" "$med" "$cpu" "$(python3 -c "print($med/$pages)")" "$(python3 -c "print($rss/1024)")" "$(stat -c %s "$pdf")"
done
echo "load after:$(uptime | sed 's/.*load average://')"
