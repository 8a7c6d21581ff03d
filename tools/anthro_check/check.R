# The WHO anthro R package's z-score formulas, written again in vectorised R
# (from its method: rounding, the 9-month rule, the 0.7 cm correction, the
# restricted LMS, the interpolation with trunc(x*10)/10 and trunc(x*10 + 1)/10,
# merges keyed as R matches doubles), to cross-check tumbuh-cli zscore on
# random rows. Not the anthro package itself, which CRAN serves and this
# machine cannot reach. Prints mismatches per column; exits 1 on any.
args <- commandArgs(trailingOnly = TRUE)  # TABLES_DIR INPUT.csv OUTPUT.csv
dir <- args[1]
rd <- function(f) read.delim(file.path(dir, f), stringsAsFactors = FALSE)
len <- rd("lenanthro.txt"); wei <- rd("weianthro.txt"); bmi <- rd("bmianthro.txt")
hc <- rd("hcanthro.txt"); ac <- rd("acanthro.txt"); ts <- rd("tsanthro.txt"); ss <- rd("ssanthro.txt")
wfl <- rd("wflanthro.txt"); wfh <- rd("wfhanthro.txt")
d <- read.csv(args[2], stringsAsFactors = FALSE, na.strings = c("", "NA"))
n <- nrow(d)
sex <- d$sex
age <- d$age_days
days <- ifelse(is.na(age), NA, floor(age) + ((age - floor(age)) >= 0.5))
months <- age / 30.4375
meas <- tolower(d$measure)
c9 <- !is.na(meas) & !is.na(months) & meas == "h" & months < 9
meas[c9] <- NA
lh <- d$lenhei_cm; lh[!is.na(lh) & lh <= 0] <- NA
cl <- lh
i1 <- !is.na(days) & days < 731 & !is.na(meas) & meas == "h"; cl[i1] <- cl[i1] + 0.7
i2 <- !is.na(days) & days >= 731 & !is.na(meas) & meas == "l"; cl[i2] <- cl[i2] - 0.7
w <- d$weight_kg; w[!is.na(w) & w <= 0] <- NA
cbmi <- w / ((cl/100)^2)
oed <- d$oedema == "y"
zf <- function(y, l, m, s) ((y/m)^l - 1)/(s*l)
sdk <- function(l, m, s, k) m * (1 + l*s*k)^(1/l)
zadj <- function(y, l, m, s) { z <- zf(y, l, m, s); hi <- !is.na(z) & z > 3; lo <- !is.na(z) & z < -3
  s3 <- sdk(l,m,s,3); s2 <- sdk(l,m,s,2); n3 <- sdk(l,m,s,-3); n2 <- sdk(l,m,s,-2)
  z[hi] <- (3 + (y - s3)/(s3 - s2))[hi]; z[lo] <- (-3 + (y - n3)/(n2 - n3))[lo]; z }
agez <- function(tab, y, adj, minage = 0, oedvoid = FALSE) {
  key <- paste(sex, days); tk <- paste(tab$sex, tab$age); idx <- match(key, tk)
  l <- tab$l[idx]; m <- tab$m[idx]; s <- tab$s[idx]
  z <- if (adj) zadj(y, l, m, s) else zf(y, l, m, s)
  ok <- !is.na(days) & days >= minage & days <= 1856 & months < 60 & !is.na(sex)
  if (oedvoid) ok <- ok & !oed
  z[!ok] <- NA; z }
zlen <- agez(len, cl, FALSE); zwei <- agez(wei, w, TRUE, oedvoid = TRUE); zbmi <- agez(bmi, cbmi, TRUE, oedvoid = TRUE)
h <- d$headc_cm; h[!is.na(h) & h <= 0] <- NA; zhc <- agez(hc, h, FALSE)
a <- d$muac_cm; a[!is.na(a) & a <= 0] <- NA; zac <- agez(ac, a, TRUE, 91)
t1 <- d$triskin_mm; zts <- agez(ts, t1, TRUE, 91); t2 <- d$subskin_mm; zss <- agez(ss, t2, TRUE, 91)
# wfl
onl <- (!is.na(days) & days < 731) | (is.na(days) & !is.na(meas) & meas == "l") | (is.na(days) & is.na(meas) & !is.na(cl) & cl < 87)
onh <- (!is.na(days) & days >= 731) | (is.na(days) & !is.na(meas) & meas == "h") | (is.na(days) & is.na(meas) & !is.na(cl) & cl >= 87)
low <- trunc(cl*10)/10; upp <- trunc(cl*10+1)/10; dif <- (cl - low)/0.1
tabk <- function(t, x) paste(t$sex, sprintf("%.1f", x))
gl <- function(x, usel) { kl <- paste(sex, sprintf("%.1f", x)); il <- match(kl, tabk(wfl, wfl$length)); ih <- match(kl, tabk(wfh, wfh$height))
  data.frame(l = ifelse(usel, wfl$l[il], wfh$l[ih]), m = ifelse(usel, wfl$m[il], wfh$m[ih]), s = ifelse(usel, wfl$s[il], wfh$s[ih])) }
lo_ <- gl(low, onl); up_ <- gl(upp, onl)
L <- ifelse(dif > 0, lo_$l + dif*(up_$l - lo_$l), lo_$l); M <- ifelse(dif > 0, lo_$m + dif*(up_$m - lo_$m), lo_$m); S <- ifelse(dif > 0, lo_$s + dif*(up_$s - lo_$s), lo_$s)
zwfl <- zadj(w, L, M, S)
ok <- !is.na(cl) & ifelse(onl, cl >= 45 & cl <= 110, ifelse(onh, cl >= 65 & cl <= 120, FALSE)) & !oed & (is.na(days) | days <= 1856) & (is.na(months) | months < 60) & !is.na(sex)
zwfl[!ok | is.na(ok)] <- NA
o <- read.csv(args[3], stringsAsFactors = FALSE, na.strings = c(""))
cmp <- function(name, r) { c <- o[[name]]; bothna <- is.na(c) & is.na(r); diff <- abs(c - r); bad <- !(bothna | (!is.na(diff) & diff < 1e-9))
  cat(sprintf("%-6s non-missing %5d  mismatches %d  max diff %.3g\n", name, sum(!is.na(r)), sum(bad), max(diff, na.rm = TRUE)))
  if (any(bad)) print(head(cbind(d[bad, ], ours = c[bad], ref = r[bad]), 5)) }
cmp("zlen", zlen); cmp("zwei", zwei); cmp("zwfl", zwfl); cmp("zbmi", zbmi); cmp("zhc", zhc); cmp("zac", zac); cmp("zts", zts); cmp("zss", zss)
fl <- function(z, lo, hi) ifelse(is.na(z), NA, as.integer(round(z, 2) < lo | round(z, 2) > hi))
cf <- function(name, r) { c <- o[[name]]; bad <- !((is.na(c) & is.na(r)) | (!is.na(c) & !is.na(r) & c == r)); cat(sprintf("%-6s flag mismatches %d\n", name, sum(bad))) }
cf("flen", fl(zlen, -6, 6)); cf("fwei", fl(zwei, -6, 5)); cf("fwfl", fl(zwfl, -5, 5)); cf("fbmi", fl(zbmi, -5, 5))
cat("c9mo mismatches", sum(o$c9mo_flag != as.integer(c9)), "\n")
bad <- sum(o$c9mo_flag != as.integer(c9))
for (pair in list(list("zlen", zlen), list("zwei", zwei), list("zwfl", zwfl), list("zbmi", zbmi),
                  list("zhc", zhc), list("zac", zac), list("zts", zts), list("zss", zss))) {
  c <- o[[pair[[1]]]]; r <- pair[[2]]
  bad <- bad + sum(!((is.na(c) & is.na(r)) | (!is.na(c) & !is.na(r) & abs(c - r) < 1e-9)))
}
if (bad > 0) quit(status = 1)
