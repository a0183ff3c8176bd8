"""``tools/fmt_skip.py``: markers on data tables pass, any other marker is refused."""

import subprocess
import sys
from pathlib import Path

TOOL = Path(__file__).resolve().parents[2] / "tools" / "fmt_skip.py"

TABLES = """
KINDS = (("feature", 35), ("series", 20),
         ("animation", 20))  # fmt: skip


class Columns:
    SHOWN = {"eidr": _("EIDR"),  "isan": _("ISAN")}  # fmt: skip
"""

PACKED = """
def total(rows):
    return sum(row.amount for row in rows
               if row.kind == "fee")  # fmt: skip


def context():
    data = {"a": 1,  "b": 2}  # fmt: skip
    return data
"""


def _run(tmp_path, source):
    path = tmp_path / "module.py"
    path.write_text(source, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(TOOL), str(tmp_path)], capture_output=True, text=True, check=False
    )


def test_markers_on_module_and_class_tables_pass(tmp_path):
    run = _run(tmp_path, TABLES)
    assert run.returncode == 0, run.stdout
    assert "2 markers, 2 on data tables, 0 elsewhere" in run.stdout


def test_markers_in_code_are_refused_with_their_place(tmp_path):
    run = _run(tmp_path, PACKED)
    assert run.returncode == 1
    assert "module.py:4: not a data table: return sum(row.amount for row in rows" in run.stdout
    assert "module.py:8: not a data table: data = " in run.stdout  # a table, but in a function
    assert "2 markers, 0 on data tables, 2 elsewhere" in run.stdout


def test_the_project_has_markers_on_data_tables_only():
    root = TOOL.parents[1]
    folders = [str(root / name) for name in ("cinebridge", "tests", "benchmarks", "tools")]
    run = subprocess.run(
        [sys.executable, str(TOOL), *folders], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout
