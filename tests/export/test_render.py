"""The renderer: PNG, SVG and PDF drawn from a fresh scene of the plan."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

import fxdesigner.ui.export.printing as printing
import fxdesigner.ui.export.sheet as sheet
from fxdesigner.io.embedded import extract_from_png
from fxdesigner.io.plan_json import PlanLoadError, dumps_plan, load_plan
from fxdesigner.model.plan import Device, Link, Note, Plan, Port, PortRef
from fxdesigner.rules.engine import check
from fxdesigner.ui.export import ExportOptions, ExportScene, export_plan, render
from fxdesigner.ui.export.printing import make_printer, print_plan
from tests.helpers import EXAMPLES, RESOURCES

pytestmark = pytest.mark.usefixtures("qapp")

DATE = "2026-05-04"
OPTIONS = ExportOptions(date=DATE)
SVG_NS = "{http://www.w3.org/2000/svg}"


def pdf_pages(data: bytes) -> int:
    """Counts page objects; Qt writes each page's dictionary uncompressed."""
    return len(re.findall(rb"/Type\s*/Page\b", data))


def boss_plan() -> Plan:
    plan = Plan(title="<b>Boss</b> & co", region="GB")
    plan.add_device(
        Device("boss", "analog-phone", 0, 0, label="<b>Boss</b>", ports=[Port("line", "fxo", "LINE")])
    )
    plan.add_device(
        Device(
            "img", "fax", 300, 0, label='<img src="file:///etc/x.png">', ports=[Port("line", "fxo", "<i>")]
        )
    )
    plan.add_device(
        Device("wall", "pstn-line", 600, 0, label="Wall & jack", ports=[Port("jack", "pstn", "LINE")])
    )
    plan.add_link(Link("c1", PortRef("boss", "line"), PortRef("wall", "jack"), {"label": "tag<1>"}))
    plan.add_note(Note("n1", "Note: a < b", 0, 300))
    return plan


# --- PNG ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["home-office", "miswired-office"])
def test_png_round_trip(tmp_path: Path, name: str) -> None:
    source = EXAMPLES / f"{name}.fxplan"
    plan = load_plan(source)
    out = tmp_path / f"{name}.png"
    result = export_plan(plan, out, None, OPTIONS)
    assert result.notice == ""
    reopened = load_plan(out)
    assert reopened == plan
    assert dumps_plan(reopened) == dumps_plan(plan)
    assert [f.to_json() for f in check(reopened).findings] == [f.to_json() for f in check(plan).findings]
    image = QImage(str(out))
    assert (image.width(), image.height()) == (result.width, result.height)


def test_png_scale_background_and_size(tmp_path: Path) -> None:
    plan = load_plan(EXAMPLES / "home-office.fxplan")
    one = render(plan, ".png", [], ExportOptions(scale=1.0, date=DATE))
    two = render(plan, ".png", [], ExportOptions(scale=2.0, date=DATE))
    assert abs(two.width - 2 * one.width) <= 1 and abs(two.height - 2 * one.height) <= 1
    white = QImage.fromData(two.data)
    assert not white.hasAlphaChannel() and white.pixelColor(0, 0).name() == "#ffffff"
    # A 2× image says it is meant to print at the plan's size: twice the dots per metre.
    assert abs(white.dotsPerMeterX() - 2 * QImage.fromData(one.data).dotsPerMeterX()) <= 2
    clear = QImage.fromData(render(plan, ".png", [], ExportOptions(transparent=True, date=DATE)).data)
    assert clear.hasAlphaChannel() and clear.pixelColor(0, 0).alpha() == 0


def test_png_is_deterministic() -> None:
    plan = load_plan(EXAMPLES / "miswired-office.fxplan")
    assert render(plan, ".png", None, OPTIONS).data == render(plan, ".png", None, OPTIONS).data


def test_png_without_embedded_plan_is_not_a_plan(tmp_path: Path) -> None:
    out = tmp_path / "plain.png"
    export_plan(load_plan(EXAMPLES / "home-office.fxplan"), out, [], ExportOptions(embed=False))
    with pytest.raises(PlanLoadError, match="no embedded plan"):
        load_plan(out)


def test_huge_png_is_capped_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheet, "MAX_SIDE", 600)
    plan = load_plan(EXAMPLES / "home-office.fxplan")
    result = render(plan, ".png", [], ExportOptions(scale=4.0))
    assert max(result.width, result.height) <= 600
    assert result.scale < 4.0 and "too big for a 4× image" in result.notice
    assert load_plan_bytes_from_png(result.data) == plan


def test_pixel_budget_caps_area(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheet, "MAX_PIXELS", 200_000)
    result = render(load_plan(EXAMPLES / "home-office.fxplan"), ".png", [], ExportOptions(scale=2.0))
    assert result.width * result.height <= 200_000 * 1.01 and result.notice


def load_plan_bytes_from_png(data: bytes) -> Plan:
    from fxdesigner.io.plan_json import load_plan_bytes

    return load_plan_bytes(extract_from_png(data))


# --- SVG -------------------------------------------------------------------------------------------------


def test_svg_has_every_label_as_escaped_text(tmp_path: Path) -> None:
    plan = boss_plan()
    out = tmp_path / "boss.svg"
    export_plan(plan, out, None, OPTIONS)
    raw = out.read_text("utf-8")
    root = ElementTree.fromstring(raw)
    texts = [el.text or "" for el in root.iter(f"{SVG_NS}text")]
    for expected in (
        "<b>Boss</b>",
        '<img src="file:///etc/x.png">',
        "Wall & jack",
        "tag<1>",
        "<i>",
        "<b>Boss</b> & co",
        "Note: a < b",
        DATE,
        "Region GB",
    ):
        assert any(expected in t for t in texts), expected
    assert "&lt;b&gt;Boss&lt;/b&gt;" in raw and "<b>Boss</b>" not in raw.split("<metadata", 1)[0]
    # Vectors only: icons are paths, not embedded bitmaps, and labels are not outlines.
    assert root.find(f".//{SVG_NS}image") is None
    assert len(texts) > 20
    assert load_plan(out) == plan


def test_svg_without_embedded_plan(tmp_path: Path) -> None:
    data = render(boss_plan(), ".svg", [], ExportOptions(embed=False)).data
    assert b"<metadata" not in data
    ElementTree.fromstring(data)


# --- PDF -------------------------------------------------------------------------------------------------


def test_pdf_one_page_vector_and_paper() -> None:
    plan = load_plan(EXAMPLES / "miswired-office.fxplan")
    a4 = render(plan, ".pdf", None, ExportOptions(paper="a4", date=DATE))
    assert a4.data.startswith(b"%PDF") and pdf_pages(a4.data) == a4.pages == 1
    assert (a4.width, a4.height) == (842, 595)  # A4 landscape, in points
    assert b"/Subtype /Image" not in a4.data
    letter = render(plan, ".pdf", None, ExportOptions(paper="letter", landscape=False))
    assert (letter.width, letter.height) == (612, 792)
    # The plan's region picks the paper when none is given: US offices buy Letter.
    assert render(plan, ".pdf", None, OPTIONS).width == 792


def test_big_plan_is_tiled_after_an_overview() -> None:
    from plans import generate

    plan = generate(120)
    tiled = render(plan, ".pdf", [], ExportOptions(paper="a4", date=DATE))
    assert tiled.pages > 2 and pdf_pages(tiled.data) == tiled.pages
    one = render(plan, ".pdf", [], ExportOptions(paper="a4", tiled=False))
    assert pdf_pages(one.data) == one.pages == 1
    small = render(load_plan(EXAMPLES / "home-office.fxplan"), ".pdf", [], ExportOptions(tiled=True))
    assert small.pages == 1  # a plan that fits one sheet is never split


def test_page_layout_covers_the_plan() -> None:
    from plans import generate

    scene = ExportScene(generate(120))
    pages = printing.plan_pages(scene, QRectF(0, 0, 1046, 717), ExportOptions(tiled=True))
    overview, tiles = pages[0], pages[1:]
    assert overview.kind == "overview" and len(overview.tiles) == len(tiles)
    content = sheet.content_rect(scene)
    for item in scene.items():
        centre = item.sceneBoundingRect().center()
        assert content.contains(centre)
        assert any(page.source.contains(centre) for page in tiles)
    names = [page.sheet for page in tiles]
    assert names[0] == "Sheet A1" and len(set(names)) == len(names)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_text_is_real_text() -> None:
    data = render(boss_plan(), ".pdf", None, OPTIONS).data
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert "<b>Boss</b>" in text and "Region GB" in text


# --- printing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("resolution", [None, 300])
def test_printing_paints_the_pdf_pages(tmp_path: Path, resolution: int | None) -> None:
    plan = load_plan(EXAMPLES / "miswired-office.fxplan")
    printer = make_printer(plan, OPTIONS)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    if resolution:
        # A driver with its own resolution gets sharp page images (text and boxes stay in step).
        printer.setResolution(resolution)
    assert print_plan(printer, plan, check(plan).findings, OPTIONS) == 1
    data = out.read_bytes()
    assert pdf_pages(data) == 1
    assert (b"/Subtype /Image" in data) == bool(resolution)


# --- every shipped plan ------------------------------------------------------------------------------------


SHIPPED = (
    sorted((RESOURCES / "templates").glob("*.fxplan"))
    + sorted(EXAMPLES.glob("*.fxplan"))
    + sorted((RESOURCES / "rules").glob("FX1*/bad.fxplan"))
)


@pytest.mark.parametrize("path", SHIPPED, ids=[str(p.relative_to(RESOURCES)) for p in SHIPPED])
def test_every_shipped_plan_exports(path: Path) -> None:
    plan = load_plan(path)
    findings = check(plan).findings
    for suffix in (".png", ".svg", ".pdf"):
        result = render(plan, suffix, findings, ExportOptions(scale=1.0))
        assert result.data and not result.notice
    assert load_plan_bytes_from_png(render(plan, ".png", findings, OPTIONS).data) == plan


def test_empty_plan_exports() -> None:
    for suffix in (".png", ".svg", ".pdf"):
        assert render(Plan(title="Nothing yet"), suffix, [], OPTIONS).data


def test_findings_can_be_hidden() -> None:
    plan = load_plan(EXAMPLES / "miswired-office.fxplan")
    findings = check(plan).findings
    shown = ExportScene(plan, findings)
    assert shown.devices["ks"].severity == "error" and shown.links["c2"].severity == "error"
    hidden = render(plan, ".png", findings, ExportOptions(findings=False, date=DATE)).data
    assert hidden != render(plan, ".png", findings, OPTIONS).data


def far_apart(distance: float) -> Plan:
    plan = Plan(title="Far apart")
    plan.add_device(Device("a", "analog-phone", 0, 0, ports=[Port("line", "fxo")]))
    plan.add_device(Device("b", "analog-phone", distance, distance, ports=[Port("line", "fxo")]))
    return plan


def test_plans_spread_absurdly_far_are_refused_in_one_sentence() -> None:
    for suffix in (".png", ".svg", ".pdf"):
        with pytest.raises(sheet.ExportError, match="very far apart"):
            render(far_apart(1e300), suffix, [])


def test_spread_plans_get_few_sheets() -> None:
    # Two phones 900,000 units apart: thousands of sheets at the normal scale, nearly all empty.
    result = render(far_apart(9e5), ".pdf", [], ExportOptions(tiled=True))
    assert result.pages == 3  # the overview and the two sheets that hold something


def test_unknown_suffix() -> None:
    with pytest.raises(sheet.ExportError, match=r"\.jpg"):
        render(Plan(), ".jpg")


def test_options_are_checked() -> None:
    with pytest.raises(ValueError):
        ExportOptions(scale=5)
    with pytest.raises(ValueError):
        ExportOptions(paper="a3")
