# tests/db/quality-cmp.awk — compares two "|"-separated files line by line: numbers within
# a relative 1e-6 (the database computes in numeric, awk in double), or tol (-v tol=0.00005
# for figures printed with four decimals), the rest exactly.
#   awk [-v tol=T] -f quality-cmp.awk EXPECTED ACTUAL   → exit 0, or 1 after printing the first
#   difference
function isnum(s) { return s ~ /^-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/ }
function same(a, b,   d, m) {
    if (a == b) return 1
    if (!isnum(a) || !isnum(b)) return 0
    d = a - b; if (d < 0) d = -d
    m = a < 0 ? -a : a; if (m < 1) m = 1
    return d <= (tol ? tol : 1e-6) * m
}
FNR == NR { n++; e[n] = $0; next }
{
    k++
    if (k > n) { print "unexpected line " k ": " $0; bad = 1; exit 1 }
    ne = split(e[k], x, "|"); na = split($0, y, "|")
    if (ne != na) { print "line " k ": expected '" e[k] "', got '" $0 "'"; bad = 1; exit 1 }
    for (i = 1; i <= ne; i++)
        if (!same(x[i], y[i])) { print "line " k " field " i ": expected '" e[k] "', got '" $0 "'"; bad = 1; exit 1 }
}
END {
    if (bad) exit 1
    if (k < n) { print "missing line " (k + 1) ": " e[k + 1]; exit 1 }
}
