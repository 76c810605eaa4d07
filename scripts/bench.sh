#!/usr/bin/env bash
# Builds the example plan at 1×, 4× and 16× its content and prints a table:
# median wall time of several runs (to 0.1 ms), median CPU time (user +
# system, all threads: steadier than wall time when the machine is shared),
# time per page, peak memory (RSS), PDF size. The row `1x pdf` builds the PDF
# alone (`--format pdf`); the others build the PDF and the DOCX.
#
#     scripts/bench.sh [runs]        # default 5 runs per size
#     PHAEN=/path/to/phaen scripts/bench.sh   # another binary (e.g. an older build)
#
# Needs a release build (cargo build --release), python3 with PyYAML and
# pdfinfo (poppler-utils). The scaled
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
# each run is timed by python (os.wait4: wall clock to a tenth of a millisecond,
# CPU time and peak RSS of that one process); the sizes run in turn, so a
# slow moment of a shared machine falls on all of them
for k in 1 4 16; do
  plan="$WORK/plan-${k}x.yaml"
  if [ "$k" = 1 ]; then cp "$PLAN" "$plan"; else scale "$k" "$plan"; fi
  "$BIN" check "$plan" >/dev/null 2>&1 || { echo "the ${k}× plan does not check clean:" >&2; "$BIN" check "$plan" >&2; exit 1; }
done
python3 - "$BIN" "$WORK" "$RUNS" <<'PY'
import os, statistics, subprocess, sys, time
bin_, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = [("1x", 1, []), ("1x pdf", 1, ["--format", "pdf"]), ("4x", 4, []), ("16x", 16, [])]
res = {name: [] for name, _, _ in rows}
def run(k, extra):
    args = [bin_, "build", f"{work}/plan-{k}x.yaml", *extra, "-o", f"{work}/out"]
    t = time.perf_counter()
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if status != 0:
        sys.exit(f"{' '.join(args)} failed")
    return wall * 1000, (ru.ru_utime + ru.ru_stime) * 1000, ru.ru_maxrss / 1024
for _, k, extra in rows:
    run(k, extra)  # warm the file cache
for _ in range(runs):
    for name, k, extra in rows:
        res[name].append(run(k, extra))
print(f"{'size':<7} {'pages':>5} {'median ms':>10} {'CPU ms':>8} {'ms/page':>8} {'peak RSS':>10} {'PDF bytes':>10}")
for name, k, extra in rows:
    # the PDF the runs of this size wrote (the same bytes every run)
    pdf = f"{work}/out/plan-{k}x.pdf"
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    pages = int(next(l.split()[1] for l in info.splitlines() if l.startswith("Pages:")))
    wall = statistics.median(r[0] for r in res[name])
    cpu = statistics.median(r[1] for r in res[name])
    rss = max(r[2] for r in res[name])
    print(f"{name:<7} {pages:>5} {wall:>10.1f} {cpu:>8.1f} {wall / pages:>8.2f} {rss:>7.1f} MB {os.path.getsize(pdf):>10}")
PY
echo "load after:$(uptime | sed 's/.*load average://')"
