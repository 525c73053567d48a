# tests/db/quality-expect.awk — what each report must say about the generated history,
# computed here from the generator's truth (tests/db/quality-gen.awk), not by the database.
#   awk -v what=fpy -v by=process|day|shift|station|operator -v w0=EPOCH -v w1=EPOCH truth.txt
#   awk -v what=pareto   -v w0= -v w1= [-v proc=N] truth.txt     (unsorted counts: proc|defect|n)
#   awk -v what=cumul    sorted-counts                           (adds share and cumulative)
#   awk -v what=spc      -v w0= -v w1= truth.txt
#   awk -v what=cycle    -v w0= -v w1= truth.txt
#   awk -v what=where    -v lot=SPRING-... serials.tsv spring.txt
#   awk -v what=attempts -v w0= -v w1= truth.txt                 (src+id of the exported attempts)
#   awk -v what=meas     -v w0= -v w1= truth.txt                 (measurement rows: count)
#   awk -v what=temp     -v w0= -v w1= truth.txt                 (attempt|in_spec of each temperature)
# Times: the plant is in Asia/Seoul (UTC+9, no daylight saving); shifts start 06:00, 14:00
# and 22:00; a day is the plant's calendar day. Output lines are "|"-separated.
# truth.txt fields: 1 src 2 id 3 unit 4 wip 5 proc 6 station 7 operator 8 start 9 end
# 10 result 11 rework 12 defect 13 temp 14 lsl 15 usl 16 force

function civil(z,   era, doe, yoe, y, doy, mp, d, m) {
    z += 719468
    era = int(z / 146097); doe = z - era * 146097
    yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
    y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
    mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
    m = mp < 10 ? mp + 3 : mp - 9
    if (m <= 2) y++
    return sprintf("%04d-%02d-%02d", y, m, d)
}
function local_day(e) { return civil(int((e + 9 * 3600) / 86400)) }
function shift_label(e,   x, sd, sec) {
    x = e + 9 * 3600 - 6 * 3600
    sd = int(x / 86400); sec = x - sd * 86400
    return civil(sd) " " (sec < 28800 ? "06:00" : sec < 57600 ? "14:00" : "22:00")
}
function inw(e) { return e != "-" && e + 0 >= w0 + 0 && e + 0 < w1 + 0 }
# sorts v[1..n] ascending (insertion sort: a few hundred values)
function vsort(v, n,   i, j, x) {
    for (i = 2; i <= n; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
}
function pct(v, n, p,   pos, lo) {
    if (n == 0) return ""
    pos = p * (n - 1); lo = int(pos)
    if (lo + 1 >= n) return v[n]
    return v[lo + 1] + (pos - lo) * (v[lo + 2] - v[lo + 1])
}
function num(x) { return x == "" ? "" : sprintf("%.10f", x) }

what == "fpy" {
    if ($9 == "-") next
    k = $3 SUBSEP $5
    if (k in seen) next
    seen[k] = 1
    if (!inw($9)) next
    g = by == "process" ? "" : by == "day" ? local_day($9) : by == "shift" ? shift_label($9) : by == "station" ? $6 : $7
    gk = g "|" $5
    units[gk]++
    if ($10 == "PASS") ok[gk]++
    grp[g] = 1
    next
}
what == "pareto" {
    if ($9 == "-" || $10 != "FAIL" || !inw($9) || (proc != "" && $5 != proc)) next
    c[$5 "|" ($12 == "-" ? "UNSPECIFIED" : $12)]++
    next
}
what == "cumul" { n++; line[n] = $0; split($0, f, "|"); cnt[n] = f[3]; tot += f[3]; next }
what == "spc" {
    if ($5 != 3 || $13 == "-" || $9 == "-" || !inw($9)) next
    k = sprintf("%.4f|%.4f", $14, $15)
    if (!(k in sn)) { nk++; order[nk] = k; lo[k] = $14; hi[k] = $15 }
    sn[k]++; ss[k] += $13; vals[k, sn[k]] = $13
    if ($13 + 0 < $14 + 0 || $13 + 0 > $15 + 0) oos[k]++
    an++; as += $13; av[an] = $13; if ($13 + 0 < $14 + 0 || $13 + 0 > $15 + 0) aoos++
    next
}
what == "cycle" {
    if ($10 == "PASS") { np = ++passes[$3, $5]; passend[$3, $5, np] = $9 }
    if ($9 == "-" || !inw($9)) next
    wn[$5]++; wv[$5, wn[$5]] = $9 - $8; procs[$5] = 1
    if ($11 == 0 && $5 > 1) { pend++; pu[pend] = $3; pp[pend] = $5; ps[pend] = $8 }
    next
}
what == "where" && FILENAME ~ /serials/ { serial[($3 - 1) * 30 + $4] = $2; next }
what == "where" { n++; u[n] = $1; wip[n] = $2; lotv[n] = $3; res[n] = $5; last[$1] = n; next }
what == "attempts" { if (inw($9) || ($9 == "-" && inw($8))) print $1 $2; next }
what == "meas" {
    if (!inw($9)) next
    m += $5 == 2 ? 3 : $5 == 3 ? 2 : $5 == 4 ? 2 : $5 == 5 ? 2 : $5 == 6 ? 1 : 0
    next
}
what == "temp" {
    if ($5 != 3 || $13 == "-" || !inw($9)) next
    print $1 $2 "|" (($13 + 0 < $14 + 0 || $13 + 0 > $15 + 0) ? "f" : "t")
    next
}

END {
    if (what == "fpy") {
        for (gk in units) {
            split(gk, f, "|")
            r = (ok[gk] + 0) / units[gk]
            print gk "|" units[gk] "|" (ok[gk] + 0) "|" num(r)
            if (f[1] in rty) rty[f[1]] *= r; else rty[f[1]] = r
        }
        if (by == "process" || by == "day" || by == "shift")
            for (g in rty) print g "|RTY|||" num(rty[g])
    } else if (what == "pareto") {
        for (k in c) print k "|" c[k]
    } else if (what == "cumul") {
        for (i = 1; i <= n; i++) { run += cnt[i]; print line[i] "|" num(cnt[i] / tot) "|" num(run / tot) }
    } else if (what == "spc") {
        for (i = 1; i <= nk; i++) {
            k = order[i]; k1 = sn[k]; mean = ss[k] / k1; q2 = 0
            for (j = 1; j <= k1; j++) { x = vals[k, j] - mean; q2 += x * x; v[j] = vals[k, j] + 0 }
            sd = k1 > 1 ? sqrt(q2 / (k1 - 1)) : ""
            vsort(v, k1)
            cp = sd > 0 ? (hi[k] - lo[k]) / (6 * sd) : ""
            a1 = hi[k] - mean; a2 = mean - lo[k]
            cpk = sd > 0 ? (a1 < a2 ? a1 : a2) / (3 * sd) : ""
            print lo[k] "|" hi[k] "|" k1 "|" num(mean) "|" num(sd) "|" num(v[1]) "|" num(v[k1]) "|" num(cp) "|" num(cpk) "|" (oos[k] + 0)
        }
        if (nk > 1) {
            mean = as / an; q2 = 0
            for (j = 1; j <= an; j++) { x = av[j] - mean; q2 += x * x; av[j] += 0 }
            vsort(av, an)
            print "||" an "|" num(mean) "|" num(sqrt(q2 / (an - 1))) "|" num(av[1]) "|" num(av[an]) "|||" (aoos + 0)
        }
    } else if (what == "cycle") {
        for (i = 1; i <= pend; i++) {
            best = ""
            for (j = 1; j <= passes[pu[i], pp[i] - 1]; j++) {
                e = passend[pu[i], pp[i] - 1, j]
                if (e + 0 <= ps[i] + 0 && (best == "" || e + 0 > best + 0)) best = e
            }
            if (best == "") continue
            tn[pp[i]]++; tv[pp[i], tn[pp[i]]] = ps[i] - best; procs[pp[i]] = 1
        }
        for (p = 1; p <= 8; p++) {
            if (!(p in procs)) continue
            for (j = 1; j <= wn[p]; j++) v[j] = wv[p, j] + 0
            vsort(v, wn[p]); a50 = pct(v, wn[p], 0.5); a90 = pct(v, wn[p], 0.9)
            for (j = 1; j <= tn[p]; j++) v[j] = tv[p, j] + 0
            vsort(v, tn[p]); b50 = pct(v, tn[p], 0.5); b90 = pct(v, tn[p], 0.9)
            print p "|" (wn[p] + 0) "|" num(a50) "|" num(a90) "|" (tn[p] + 0) "|" num(b50) "|" num(b90)
        }
    } else if (what == "where") {
        for (i = 1; i <= n; i++)
            if (lotv[i] == lot)
                print wip[i] "|" serial[u[i]] "|" res[i] "|" (last[u[i]] == i ? "t" : "f")
    } else if (what == "meas") {
        print m + 0
    }
}
