"""How good is the budget advice? Run `recommend` on synthetic shops with known curves (bench/shops.py)
and judge each proposal on the true curves. Prints one JSON object:

- ``null.confident_moves``: share of shops with nothing to gain where the advice still moved budget
  (target ≤ 0.10), with the mean weekly loss of those moves, and the "chance of a gain" it states
  there (calibrated: at or below 0.5 most of the time);
- ``gap`` / ``carry``: share of shops moved, share of moves in the right direction (target ≥ 0.90)
  and the mean share of the true optimum (within the same ±30 % bounds) captured when moving
  (target ≥ 0.80);
- ``short`` / ``flat``: share refused (target 1.0);
- the mean seconds one `recommend` takes, and the median on the demo shop (budget: under 2 s).

Usage: python bench/advice_bench.py [shops per kind, default 20] [weeks, default 104] [noise, default 0.15]
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from shops import make_shop, true_gain  # noqa: E402

from kpi_core.adjust.allocate import bounds_around, hill_allocation  # noqa: E402
from kpi_core.adjust.reallocate import recommend  # noqa: E402

KINDS = ("gap", "carry", "null", "short", "flat")


def judge(kind: str, seed: int, weeks: int, noise: float) -> dict:
    shop = make_shop(kind, seed, weeks, noise)
    started = time.perf_counter()
    advice = recommend(shop.obs)
    seconds = time.perf_counter() - started
    moved = advice.status == "ok"
    out = {"moved": moved, "seconds": seconds, "p_gain": advice.p_gain, "reasons": [k for k, _ in advice.reasons]}
    if not moved or not advice.current:
        return out
    channels = list(advice.current)
    current = advice.current
    lower, upper = bounds_around([current[c] for c in channels])
    best, _ = hill_allocation(
        [shop.curves[c][0] for c in channels],
        [shop.curves[c][1] for c in channels],
        sum(current.values()),
        lower,
        upper,
    )
    optimum = true_gain(shop, current, dict(zip(channels, best, strict=True)))
    gain = true_gain(shop, current, advice.proposed)
    out["gain"] = gain
    out["captured"] = gain / optimum if optimum > 0 else None
    if shop.gainer is not None:
        out["right"] = advice.proposed[shop.gainer] > current[shop.gainer]
    return out


def summary(kind: str, results: list[dict]) -> dict:
    return _summary(kind, results) | {"refused_because": dict(Counter(k for r in results for k in set(r["reasons"])))}


def _summary(kind: str, results: list[dict]) -> dict:
    moves = [r for r in results if r["moved"]]
    share = round(len(moves) / len(results), 3)
    if kind in ("short", "flat"):
        return {"shops": len(results), "refused": round(1 - share, 3)}
    if kind == "null":
        losses = [r["gain"] for r in moves]
        chances = [r["p_gain"] for r in results if r["p_gain"] is not None]
        return {
            "shops": len(results),
            "confident_moves": share,
            "median_chance_of_gain": round(statistics.median(chances), 3) if chances else None,
            "chance_at_most_half": round(sum(p <= 0.5 for p in chances) / len(chances), 3) if chances else None,
            "mean_gain_of_moves": round(statistics.fmean(losses)) if losses else None,
        }
    captured = [r["captured"] for r in moves if r.get("captured") is not None]
    return {
        "shops": len(results),
        "moved": share,
        "right_direction": round(sum(r["right"] for r in moves) / len(moves), 3) if moves else None,
        "captured": round(statistics.fmean(captured), 3) if captured else None,
        "losing_moves": sum(r["gain"] < 0 for r in moves),
    }


def demo_seconds(runs: int = 5) -> float:
    """The median seconds of `recommend` on the demo shop's history."""
    import datetime as dt

    from kpi_core.demo import demo_observations

    obs = demo_observations(dt.date(2026, 12, 1))
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        recommend(obs)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def main() -> None:
    shops = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    weeks = int(sys.argv[2]) if len(sys.argv) > 2 else 104
    noise = float(sys.argv[3]) if len(sys.argv) > 3 else 0.15
    result: dict = {"shops_per_kind": shops, "weeks": weeks, "noise": noise}
    seconds = []
    for kind in KINDS:
        runs = [judge(kind, 1000 + i, weeks, noise) for i in range(shops)]
        seconds += [r["seconds"] for r in runs]
        result[kind] = summary(kind, runs)
    result["recommend_s"] = round(statistics.fmean(seconds), 3)
    result["demo_recommend_s"] = demo_seconds()  # the acceptance budget: under 2 s
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
