"""Every jack kind, device type and rule has a page, with the right headings and only sourced figures."""

from __future__ import annotations

import re

import pytest
from helpers import SPEC_DEVICE_TYPES, SPEC_PORT_KINDS

from fxdesigner import assets
from fxdesigner.explain.figures import region_figures
from fxdesigner.explain.pages import (
    UnknownPage,
    device_page,
    page_of_device,
    parse_page,
    port_page,
    rule_page,
)
from fxdesigner.explain.subjects import port_kind_markdown
from fxdesigner.explain.words import pairing, power_words
from fxdesigner.model.kinds import DEVICE_TYPES, PORT_KINDS
from fxdesigner.model.plan import Device
from fxdesigner.rules.registry import RULES
from tests.explain.figures_check import bibliography_tags, fact_figures, figures, source_tags

# The headings every page of a kind has, as the explain resources are written.
PORT_SECTIONS = ("What it is", "What it supplies or expects", "What may be plugged in", "More detail")
DEVICE_SECTIONS = ("What it is for", "Its jacks", "Power and power cuts")
RULE_SECTIONS = ("What it means", "Why it matters on a real line", "How to fix")
FACT_FIGURES = fact_figures()
BIBLIOGRAPHY = bibliography_tags()


def _page_files():
    ports = [("ports", k) for k in SPEC_PORT_KINDS]
    devices = [("devices", t) for t in SPEC_DEVICE_TYPES]
    return ports + devices


def test_the_issue_lists_the_same_kinds_and_types() -> None:
    assert PORT_KINDS == SPEC_PORT_KINDS
    assert DEVICE_TYPES == SPEC_DEVICE_TYPES


@pytest.mark.parametrize("kind", SPEC_PORT_KINDS)
def test_every_jack_kind_has_a_page_with_the_four_sections(kind: str) -> None:
    page = port_page(kind)
    assert page.title
    assert page.lead, "the memory hook goes before the first section"
    assert tuple(page.sections) == PORT_SECTIONS
    assert all(body.strip() for body in page.sections.values())


@pytest.mark.parametrize("device_type", SPEC_DEVICE_TYPES)
def test_every_device_type_has_a_page_with_the_three_sections(device_type: str) -> None:
    page = device_page(device_type)
    assert page.title
    assert tuple(page.sections) == DEVICE_SECTIONS
    assert all(body.strip() for body in page.sections.values())


@pytest.mark.parametrize("code", [r.code for r in RULES])
def test_every_rule_has_a_page_with_the_three_sections(code: str) -> None:
    page = rule_page(code)
    assert page.title.startswith(code)
    for heading in RULE_SECTIONS:
        assert page.section(heading).strip(), f"{code} lacks '## {heading}'"


def test_a_missing_page_is_an_error_not_an_empty_page(tmp_path, monkeypatch) -> None:
    # A copy of the resources without one device page: loading it fails loudly.
    import shutil

    copy = tmp_path / "resources"
    shutil.copytree(assets.resources_root(), copy)
    (copy / "explain" / "devices" / "fax.md").unlink()
    monkeypatch.setenv("FXDESIGNER_RESOURCES", str(copy))
    assets.resources_root.cache_clear()
    device_page.cache_clear()
    try:
        with pytest.raises(FileNotFoundError):
            device_page("fax")
    finally:
        monkeypatch.delenv("FXDESIGNER_RESOURCES")
        assets.resources_root.cache_clear()
        device_page.cache_clear()


def test_unknown_kinds_types_and_codes_are_refused() -> None:
    with pytest.raises(UnknownPage):
        port_page("rj11")
    with pytest.raises(UnknownPage):
        device_page("toaster")
    with pytest.raises(UnknownPage):
        rule_page("FX999")
    assert page_of_device("toaster") is device_page("generic")


@pytest.mark.parametrize(("folder", "name"), _page_files())
def test_pages_use_only_markdown_the_panel_renders(folder: str, name: str) -> None:
    text = assets.read_text("explain", folder, f"{name}.md")
    assert "<" not in text and ">" not in text, "no HTML, no blockquotes"
    assert "![" not in text, "no images"
    assert not re.search(r"^\s*\|", text, re.MULTILINE), "no tables"
    assert text.startswith("# "), "one title line first"
    assert len(re.findall(r"^# ", text, re.MULTILINE)) == 1


@pytest.mark.parametrize(("folder", "name"), _page_files())
def test_every_figure_on_a_page_is_a_figure_of_the_fact_sheet(folder: str, name: str) -> None:
    text = assets.read_text("explain", folder, f"{name}.md")
    unknown = figures(text) - FACT_FIGURES
    assert not unknown, f"{folder}/{name}.md quotes figures the facts table does not have: {sorted(unknown)}"


@pytest.mark.parametrize(("folder", "name"), _page_files())
def test_every_source_tag_on_a_page_is_listed_in_the_fact_sheet(folder: str, name: str) -> None:
    text = assets.read_text("explain", folder, f"{name}.md")
    unknown = source_tags(text) - BIBLIOGRAPHY
    assert not unknown, f"{folder}/{name}.md cites sources the bibliography does not list: {sorted(unknown)}"


def test_the_figure_check_itself_catches_an_invented_figure() -> None:
    assert figures("ringing about 93 V AC at 20 Hz") - FACT_FIGURES == {"93 V"}
    assert figures("the Digium module is rated for 457 m") - FACT_FIGURES == set()
    assert figures("60–105 V RMS at 15–25 Hz") <= FACT_FIGURES
    assert figures("a 20–30 mA loop") - FACT_FIGURES == {"20–30 mA"}


@pytest.mark.parametrize("region", ["US", "CA", "GB", "AU", "DE", "FR", None])
def test_region_figures_come_from_the_fact_sheet(region: str | None) -> None:
    f = region_figures(region)
    text = " ".join((f.ringing, f.ren_limit, f.battery, f.loop_current, f.loop_length))
    assert figures(text), "the figures are really there"
    assert figures(text) <= FACT_FIGURES
    assert source_tags(text) <= BIBLIOGRAPHY
    for kind in ("fxs", "fxo", "pstn"):
        assert figures(port_kind_markdown(kind, region)) <= FACT_FIGURES


def test_ringing_follows_the_region() -> None:
    assert "90 V AC at 20 Hz" in region_figures("US").ringing
    assert "90 V AC at 20 Hz" in region_figures("CA").ringing
    assert "60 V AC at 25 Hz" in region_figures("DE").ringing
    assert "60–105 V RMS at 15–25 Hz depending on the country" in region_figures("FR").ringing
    assert "5 REN" in region_figures("US").ren_limit
    assert "4 REN" in region_figures("GB").ren_limit
    assert "3 REN" in region_figures("AU").ren_limit
    assert "Load Number" in region_figures("CA").ren_limit


def test_generated_phrases_quote_only_sourced_figures() -> None:
    texts = []
    for a in SPEC_PORT_KINDS:
        for b in SPEC_PORT_KINDS:
            verdict = pairing(a, b)
            texts += [verdict.headline, verdict.why]
    for device_type in SPEC_DEVICE_TYPES:
        for props in ({}, {"ups": True}, {"power": "poe"}, {"copper": False}):
            texts.append(power_words(Device("d", device_type, 0, 0, properties=dict(props))))
    text = "\n".join(texts)
    assert figures(text) <= FACT_FIGURES
    assert source_tags(text) <= BIBLIOGRAPHY


def test_parse_page_splits_title_lead_and_sections() -> None:
    page = parse_page("# Title\n\nLead line.\n\n## One\n\nBody one.\n\n## Two\n\n- a\n- b\n")
    assert page.title == "Title"
    assert page.lead == "Lead line."
    assert page.sections == {"One": "Body one.", "Two": "- a\n- b"}


def test_the_dahdi_inversion_is_stated_the_right_way_round() -> None:
    # domain.md 8: FXS modules (green) use FXO signalling fxoks; FXO modules (red) use fxsks.
    fxs, fxo, pbx = port_page("fxs").markdown, port_page("fxo").markdown, device_page("ip-pbx").markdown
    assert "green FXS module is configured with *FXO* signalling (`fxoks`" in fxs
    assert "red FXO module is configured with *FXS* signalling (`fxsks`" in fxo
    assert "green FXS module uses FXO signalling (`fxoks`" in pbx
    assert "red FXO module uses FXS signalling (`fxsks`" in pbx
