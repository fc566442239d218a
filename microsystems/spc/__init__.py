"""Statistical process control for quality improvement: run charts, control charts and Making Data Count."""

from .batch import making_data_count_batch
from .control import control_chart, run_chart
from .mdc import making_data_count
from .results import ControlChart, MakingDataCount, MakingDataCountBatch, RunChart

__all__ = [
    "ControlChart",
    "MakingDataCount",
    "MakingDataCountBatch",
    "RunChart",
    "control_chart",
    "making_data_count",
    "making_data_count_batch",
    "run_chart",
]
