"""The job of `giamkhao results`, done the way a contest's spreadsheet person would script it with
pandas: read the scores as CSV, total each judge's sheet, leave out incomplete sheets and conflicts
of interest, average, rank, give the awards, write a CSV. It is the yardstick of benches/commands.rs
(which writes the input files from a generated session, times this script beside giamkhao and checks
that both agree on every row).

It follows ../shared/spec/scoring-rules.md for what the generated contests use: the Mean method,
chênh lệch (divergence) flagged but counted, a minimum number of judges, the tie-break chain of the
criteria in order, one award scheme for the whole contest, vacant slots left empty, a tie across an
award's last slot left undecided (no member awarded, the slots used). Arithmetic is exact (integers
in units of 1/10,000 point), rounding half away from zero, as the rules require.

Usage: python3 pandas_results.py INPUT_FOLDER OUTPUT.csv
Input: criteria.csv (id, weight, max), judges.csv (id, organization), submissions.csv (id,
organization), scores.csv (submission, judge, one column per criterion id, blank = not scored),
tiers.csv (id, count), rules.csv (min_judges, decimals).
Output: submission, rank (blank: not eligible), score (2 decimals), award (tier id or blank).
"""

import sys
import unicodedata

import numpy as np
import pandas as pd

UNIT = 10_000  # points are kept in units of 1/10,000


def org_key(name):
    """An organization as the conflict rule compares it: NFC, no surrounding space, lower case."""
    text = unicodedata.normalize("NFC", str(name).strip())
    return unicodedata.normalize("NFC", text.lower())


def round_half_away(numerator, denominator, step):
    """numerator / denominator rounded half away from zero to a multiple of step (all integers)."""
    sign = np.sign(numerator)
    magnitude = np.abs(numerator)
    q = (2 * magnitude + step * denominator) // (2 * step * denominator)
    return sign * q * step


def main(folder, output):
    criteria = pd.read_csv(f"{folder}/criteria.csv", dtype={"id": str})
    judges = pd.read_csv(f"{folder}/judges.csv", dtype=str, keep_default_na=False)
    submissions = pd.read_csv(f"{folder}/submissions.csv", dtype=str, keep_default_na=False)
    scores = pd.read_csv(f"{folder}/scores.csv", dtype={"submission": str, "judge": str})
    tiers = pd.read_csv(f"{folder}/tiers.csv", dtype={"id": str})
    rules = pd.read_csv(f"{folder}/rules.csv").iloc[0]
    min_judges = int(rules["min_judges"])
    step = UNIT // 10 ** int(rules["decimals"])

    ids = list(criteria["id"])
    weights = np.rint(criteria["weight"].to_numpy() * 100).astype(np.int64)  # hundredths
    values = scores[ids].to_numpy()
    complete = ~np.isnan(values).any(axis=1)
    units = np.rint(np.nan_to_num(values) * 100).astype(np.int64) * weights  # 1/10,000 point
    scores["total"] = units.sum(axis=1)
    for k, c in enumerate(ids):
        scores[f"w_{c}"] = units[:, k]

    # Conflicts of interest: the judge's organization is the submission's.
    judge_org = dict(zip(judges["id"], judges["organization"].map(org_key)))
    sub_org = dict(zip(submissions["id"], submissions["organization"].map(org_key)))
    j_org = scores["judge"].map(judge_org).fillna("")
    s_org = scores["submission"].map(sub_org).fillna("")
    conflict = (j_org != "") & (j_org == s_org)
    valid = scores[complete & ~conflict.to_numpy()]

    # The mean of the valid totals and the criterion means, exact, then rounded.
    sums = valid.groupby("submission").agg(
        n=("total", "size"), total=("total", "sum"), **{f"w_{c}": (f"w_{c}", "sum") for c in ids}
    )
    out = submissions[["id"]].rename(columns={"id": "submission"}).merge(
        sums, left_on="submission", right_index=True, how="left"
    )
    out["n"] = out["n"].fillna(0).astype(np.int64)
    has = out["n"] > 0
    n = out.loc[has, "n"].to_numpy()
    out["score_units"] = np.nan
    out.loc[has, "score_units"] = round_half_away(out.loc[has, "total"].to_numpy(dtype=np.int64), n, step)
    for c in ids:
        out[f"m_{c}"] = np.nan
        out.loc[has, f"m_{c}"] = round_half_away(out.loc[has, f"w_{c}"].to_numpy(dtype=np.int64), n, step)
    eligible = out["n"] >= min_judges

    # Ranking: score, then the criterion means in order, descending; equal keys share a rank.
    key = ["score_units"] + [f"m_{c}" for c in ids]
    ranked = out[eligible].sort_values(key, ascending=False, kind="stable").reset_index(drop=True)
    same_as_above = (ranked[key] == ranked[key].shift()).all(axis=1)
    position = pd.Series(np.arange(1, len(ranked) + 1))
    ranked["rank"] = position.where(~same_as_above).ffill().astype(np.int64)

    # Awards, walking the ranked list once from the top.
    awards = [""] * len(ranked)
    groups = ranked.groupby("rank", sort=True).indices
    starts = sorted(groups)
    g = 0
    for tier, count in zip(tiers["id"], tiers["count"]):
        capacity = int(count)
        while capacity > 0 and g < len(starts):
            members = groups[starts[g]]
            if len(members) <= capacity:
                for i in members:
                    awards[i] = tier
                capacity -= len(members)
            else:
                # A tie across the last slot: nobody takes the tier until the council decides; the
                # group uses the slots.
                capacity = 0
            g += 1
    ranked["award"] = awards

    result = pd.concat([ranked, out[~eligible].assign(rank=pd.NA, award="")], ignore_index=True)
    result["score"] = (result["score_units"] / UNIT).map(lambda v: "" if pd.isna(v) else f"{v:.2f}")
    result["rank"] = result["rank"].astype("Int64")
    result[["submission", "rank", "score", "award"]].to_csv(output, index=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
