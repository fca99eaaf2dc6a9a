"""Small things a reader notices: --version, a clean --help, and a cues table with a header."""

import pandas as pd

from conftest import FIXTURES
from test_runner import doculens


def test_version_and_help():
    from doculens import __version__

    proc = doculens("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"doculens {__version__}"
    proc = doculens("--help")
    assert proc.returncode == 0 and "``" not in proc.stdout and "doculens run" in proc.stdout


def test_cues_table_of_text_inputs_reads_back_with_its_columns(tmp_path):
    from doculens.reports import save_tables
    from doculens.workbook import build

    wb = build([FIXTURES / "debate.txt"])
    save_tables({"cues": wb.cues}, tmp_path)
    back = pd.read_csv(tmp_path / "tables" / "cues.csv")
    assert back.empty and list(back.columns) == ["cue_id", "start", "end", "start_time", "end_time",
                                                 "voice", "source"]
