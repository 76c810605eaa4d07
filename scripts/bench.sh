#!/usr/bin/env bash
# Builds the example plan at 1×, 4× and 16× its content and prints a table:
# median wall time of several runs, time per page, peak memory (RSS), PDF size.
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
printf '%-5s %7s %10s %9s %10s %12s\n' size pages "median ms" "ms/page" "peak RSS" "PDF bytes"
for k in 1 4 16; do
  plan="$WORK/plan-${k}x.yaml"
  if [ "$k" = 1 ]; then cp "$PLAN" "$plan"; else scale "$k" "$plan"; fi
  "$BIN" check "$plan" >/dev/null 2>&1 || { echo "the ${k}× plan does not check clean:" >&2; "$BIN" check "$plan" >&2; exit 1; }
  times=(); rss=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$WORK/t" "$BIN" build "$plan" -o "$WORK/out" >/dev/null 2>&1
    read -r s kb < "$WORK/t"
    times+=("$(python3 -c "print(round($s*1000))")")
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  pdf="$WORK/out/plan-${k}x.pdf"
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  printf '%-5s %7s %10s %9.1f %7.1f MB %12s\n' "${k}x" "$pages" "$median" "$(python3 -c "print($median/$pages)")" "$(python3 -c "print($rss/1024)")" "$(stat -c %s "$pdf")"
done
echo "load after:$(uptime | sed 's/.*load average://')"
