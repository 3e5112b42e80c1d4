"""The sidebar's text blocks: data text escaped, years in order, facts from the panel."""

from __future__ import annotations

from dataclasses import replace

from geo.load import load_dataset
from geo.markdown import facts_markdown, history_markdown
from geo.panel import build_panel
from geo.paths import DEFAULT_PATHS
from geo.seeds import read_seeds

DATASET = load_dataset(DEFAULT_PATHS)
SEEDS = {name: seed.text or "" for name, seed in read_seeds(DEFAULT_PATHS.seeds).items()}


def panel_of(segment_id: str, year: int = 2025):  # type: ignore[no-untyped-def]
    return build_panel(DATASET, SEEDS, segment_id, year, {"IR": "Iran"})


def test_history_lists_every_dated_status_oldest_first() -> None:
    panel = panel_of("rasht-astara-railway")
    lines = history_markdown(panel).split("\n- ")
    years = [int(line.lstrip("- *").split("*")[0]) for line in lines]
    assert years == sorted(years) == [row.year for row in panel.history]
    assert "Under construction" in history_markdown(panel)


def test_history_escapes_a_hostile_note() -> None:
    panel = panel_of("rasht-astara-railway")
    row = replace(panel.history[0], note="[click](javascript:alert(1)) <b>x</b>")
    text = history_markdown(replace(panel, history=(row, *panel.history[1:])))
    assert "](javascript" not in text
    assert "<b>" not in text
    assert "\\[click\\]\\(javascript\\:alert\\(1\\)\\)" in text


def test_facts_state_the_status_in_the_chosen_year() -> None:
    assert "**Status in 2017:** Financed \\(since 2017\\)" in facts_markdown(
        panel_of("rasht-astara-railway", 2017)
    )
