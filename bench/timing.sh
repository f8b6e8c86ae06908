# Shared by the bench scripts that time whole commands: source it after `cd` to the repository.
# now_ms: wall clock in ms; median: of numbers on stdin; time_once CMD...: one run's ms (stops the script if CMD fails);
# row NAME MS BASELINE-NAME BASELINE-MS: one Markdown table row with the ratio.
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.0f", m }'; }
time_once() { local start end; start=$(now_ms); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; end=$(now_ms); echo $((end - start)); }
row() {
  awk -v n="$1" -v m="$2" -v b="$3" -v bm="$4" 'BEGIN { printf "| %-44s | %8.2f s | %-36s | %8.2f s | %5.2fx |\n", n, m / 1000, b, bm / 1000, (bm > 0 ? m / bm : 0) }'
}
