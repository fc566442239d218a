"""Benchmark of the statistics engine (microsystems.spc) beside the floor and two Python peers.

For n = 100, 10 000 and 1 000 000 points it times, in one run and on the same arrays:

* run chart (median, Anhøj's rules);
* I chart with the four Making Data Count rules and the variation and assurance icons;
* p chart (per-point limits, runs analysis);

for our engine, for the floor (one numpy pass over the same array: ``y.sum()``), and for the peers
``abspc`` and ``pyqicharts`` when they are installed ("not installed" otherwise).  Each figure is the median
of repeated calls.  A peer call that runs past the time cap is stopped and reported as "> cap"; pyqicharts is
not run at 1 000 000 points (it was measured at over 600 s).  Finally it times the icons of a portfolio of
20 000 series of 60 points (``making_data_count_batch``).

Run it with ``make bench-spc`` (which installs the peers in var/bench-venv), or with any Python 3.12+ that
has numpy: ``python scripts/benchmark_spc.py [--cap SECONDS] [--sizes 100 10000]``.
"""

from __future__ import annotations

import argparse
import importlib
import platform
import signal
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from microsystems import spc

SIZES = (100, 10_000, 1_000_000)
TASKS = ("run chart", "I chart + MDC rules + icons", "p chart")
SKIP = {("pyqicharts", 1_000_000): "skipped (> 600 s)"}


class CapReached(Exception):
    pass


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise CapReached


def measure(call: Callable[[], object], budget: float, cap: float | None = None) -> tuple[float, int] | str:
    """Median seconds per call (and the number of calls), repeating until ``budget`` seconds are spent."""
    times: list[float] = []
    spent = 0.0
    while len(times) < 3 or (spent < budget and len(times) < 2000):
        if cap is not None:
            signal.setitimer(signal.ITIMER_REAL, cap)
        try:
            start = time.perf_counter()
            call()
            elapsed = time.perf_counter() - start
        except CapReached:
            return f"> {cap:g} s (capped)"
        finally:
            if cap is not None:
                signal.setitimer(signal.ITIMER_REAL, 0)
        times.append(elapsed)
        spent += elapsed
        if cap is not None and elapsed > budget:
            break  # a slow peer: one call is enough
    return statistics.median(times), len(times)


def show(result: tuple[float, int] | str) -> str:
    if isinstance(result, str):
        return result
    seconds = result[0]
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def data(size: int) -> dict[str, Any]:
    rng = np.random.default_rng(2024)
    y = rng.normal(100.0, 10.0, size)
    denominators = rng.integers(80, 121, size).astype(np.float64)
    counts = rng.binomial(denominators.astype(np.int64), 0.1).astype(np.float64)
    return {"y": y, "n": denominators, "k": counts}


def ours(d: dict[str, Any]) -> dict[str, Callable[[], object]]:
    def mdc() -> object:
        result = spc.making_data_count(d["y"], improvement="increase", target=105.0)
        return result.variation_icon, result.assurance_icon

    return {
        "run chart": lambda: spc.run_chart(d["y"]),
        "I chart + MDC rules + icons": mdc,
        "p chart": lambda: spc.control_chart(d["k"], d["n"], chart="p"),
    }


def floor(d: dict[str, Any]) -> dict[str, Callable[[], object]]:
    y, k = d["y"], d["k"]
    return {"run chart": y.sum, "I chart + MDC rules + icons": y.sum, "p chart": k.sum}


def abspc_calls(module: ModuleType, d: dict[str, Any]) -> dict[str, Callable[[], object]]:
    pd = importlib.import_module("pandas")
    values = pd.DataFrame({"value": d["y"]})
    ratio = pd.DataFrame({"value": d["k"], "subgroup_size": d["n"]})

    def run() -> object:
        return module.detect_run_chart_signals(module.calculate_control_limits(values, "run"))

    def mdc() -> object:
        result = module.detect_special_causes(module.calculate_control_limits(values, "XmR"))
        icon = module.determine_variation_type(result, improvement_direction="high")
        return icon, module.determine_assurance_type(result, 105.0, improvement_direction="high")

    def p() -> object:
        return module.detect_special_causes(module.calculate_control_limits(ratio, "p"))

    return {"run chart": run, "I chart + MDC rules + icons": mdc, "p chart": p}


def pyqicharts_calls(module: ModuleType, d: dict[str, Any]) -> dict[str, Callable[[], object]]:
    pd = importlib.import_module("pandas")
    powerbi = importlib.import_module("pyqicharts.powerbi")
    size = d["y"].size
    values = pd.DataFrame({"x": np.arange(size), "y": d["y"]})
    ratio = pd.DataFrame({"x": np.arange(size), "y": d["k"], "n": d["n"]})

    def mdc() -> object:
        table = module.qic_table(values, "x", "y", chart="i", improvement="high is good", target=105.0)
        return powerbi._variation_icon(table.iloc[-1], "Up")

    return {
        "run chart": lambda: module.qic_table(values, "x", "y", chart="run"),
        "I chart + MDC rules + icons": mdc,
        "p chart": lambda: module.qic_table(ratio, "x", "y", chart="p", denominator="n"),
    }


def peer(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except Exception:  # a peer that is missing or broken is simply not compared
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cap", type=float, default=60.0, help="seconds after which a peer call is stopped")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    signal.signal(signal.SIGALRM, _on_alarm)
    peers = {name: peer(name) for name in ("abspc", "pyqicharts")}
    versions = {
        name: getattr(module, "__version__", "?") if module else "not installed"
        for name, module in peers.items()
    }
    print(f"Python {platform.python_version()} on {platform.machine()}, numpy {np.__version__}")
    print("peers: " + ", ".join(f"{name} {version}" for name, version in versions.items()))
    columns = ("ours", "floor (y.sum())", "abspc", "pyqicharts")
    for size in args.sizes:
        d = data(size)
        calls: dict[str, dict[str, Callable[[], object]] | None] = {
            "ours": ours(d),
            "floor (y.sum())": floor(d),
        }
        module = peers["abspc"]
        calls["abspc"] = abspc_calls(module, d) if module else None
        module = peers["pyqicharts"]
        calls["pyqicharts"] = pyqicharts_calls(module, d) if module else None
        print(f"\nn = {size:,}")
        print(f"  {'task':30s}" + "".join(f"{c:>20s}" for c in columns))
        for task in TASKS:
            cells = []
            for column in columns:
                group = calls[column]
                if group is None:
                    cells.append("not installed")
                elif (column, size) in SKIP:
                    cells.append(SKIP[(column, size)])
                else:
                    is_peer = column in peers
                    budget = 2.0 if is_peer else 1.0
                    cells.append(show(measure(group[task], budget, args.cap if is_peer else None)))
            print(f"  {task:30s}" + "".join(f"{c:>20s}" for c in cells), flush=True)
    rng = np.random.default_rng(7)
    portfolio = rng.normal(50.0, 5.0, (20_000, 60)).cumsum(axis=1) / 10.0
    batch = measure(lambda: spc.making_data_count_batch(portfolio, improvement="increase", target=60.0), 2.0)
    print(f"\nportfolio: icons of 20,000 series of 60 points (making_data_count_batch): {show(batch)}")


if __name__ == "__main__":
    main()
