"""The device catalogue: loads, covers every type, and states only facts domain.md gives."""

from __future__ import annotations

import json
import re

import pytest
from helpers import SCHEMA_PATH, SPEC_DEVICE_TYPES

from fxdesigner.io.plan_json import dumps_plan, load_plan_bytes
from fxdesigner.model.catalogue import (
    CATEGORY_IDS,
    Catalogue,
    CatalogueEntry,
    CatalogueError,
    default_catalogue,
    parse_entry,
)
from fxdesigner.model.plan import Plan


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return default_catalogue()


def by_model(catalogue: Catalogue, model: str) -> CatalogueEntry:
    entry = next((e for e in catalogue if e.model == model), None)
    assert entry is not None, f"no catalogue entry for {model}"
    return entry


def kinds_of(entry: CatalogueEntry) -> list[str]:
    return [p.kind for p in entry.ports]


def test_the_catalogue_loads_with_enough_entries(catalogue: Catalogue) -> None:
    assert len(catalogue) >= 25
    assert len({e.id for e in catalogue}) == len(catalogue)


@pytest.mark.parametrize("device_type", SPEC_DEVICE_TYPES)
def test_a_generic_entry_for_every_device_type(catalogue: Catalogue, device_type: str) -> None:
    entry = catalogue.generic(device_type)
    assert entry is not None
    assert entry.type == device_type and entry.model is None
    assert entry.title == entry.label


def test_every_entry_is_described_and_categorised(catalogue: Catalogue) -> None:
    for entry in catalogue:
        assert entry.description.strip(), entry.id
        assert entry.label.strip(), entry.id
        assert entry.category in CATEGORY_IDS, entry.id
        assert entry.ports or entry.type == "generic", entry.id
    for category in CATEGORY_IDS:
        assert catalogue.in_category(category), category


def test_stations_have_their_line_jack(catalogue: Catalogue) -> None:
    expected = {
        "analog-phone": "fxo",
        "cordless-phone": "fxo",
        "fax": "fxo",
        "modem": "fxo",
        "alarm-panel": "fxo",
        "elevator-phone": "fxo",
        "digital-phone": "digital",
        "ip-phone": "ethernet",
        "pstn-line": "pstn",
    }
    for device_type, kind in expected.items():
        entry = catalogue.generic(device_type)
        assert entry is not None and kinds_of(entry) == [kind], device_type


# --- facts from domain.md ------------------------------------------------------------------


def test_ht802(catalogue: Catalogue) -> None:
    entry = by_model(catalogue, "Grandstream HT802")
    fxs = [p for p in entry.ports if p.kind == "fxs"]
    assert len(fxs) == 2
    assert all(p.properties.get("ren_budget") == 3 for p in fxs)
    assert "fxo" not in kinds_of(entry)


def test_ht813(catalogue: Catalogue) -> None:
    entry = by_model(catalogue, "Grandstream HT813")
    fxs = [p for p in entry.ports if p.kind == "fxs"]
    fxo = [p for p in entry.ports if p.kind == "fxo"]
    assert len(fxs) == 1 and len(fxo) == 1
    assert fxs[0].properties["power_fail_to"] == fxo[0].id
    assert entry.properties["t38"] is True


def test_spa3102_has_a_relay(catalogue: Catalogue) -> None:
    entry = by_model(catalogue, "Linksys SPA3102")
    fxs = [p for p in entry.ports if p.kind == "fxs"]
    fxo = [p for p in entry.ports if p.kind == "fxo"]
    assert len(fxs) == 1 and len(fxo) == 1
    assert fxs[0].properties["power_fail_to"] == fxo[0].id
    assert kinds_of(entry).count("ethernet") == 2


def test_spa112(catalogue: Catalogue) -> None:
    entry = by_model(catalogue, "Cisco SPA112")
    assert kinds_of(entry).count("fxs") == 2
    assert "fxo" not in kinds_of(entry)
    assert entry.properties["t38"] is True


def test_obi110(catalogue: Catalogue) -> None:
    entry = by_model(catalogue, "Obihai OBi110")
    assert kinds_of(entry).count("fxs") == 1 and kinds_of(entry).count("fxo") == 1
    assert all(
        "power_fail_to" not in p.properties or p.properties["power_fail_to"] is None for p in entry.ports
    )
    assert entry.properties.get("t38") is None


@pytest.mark.parametrize(
    ("model", "kind", "count"),
    [
        ("Grandstream GXW4104", "fxo", 4),
        ("Grandstream GXW4108", "fxo", 8),
        ("Grandstream GXW4216", "fxs", 16),
        ("Grandstream GXW4224", "fxs", 24),
        ("Grandstream GXW4248", "fxs", 48),
        ("Cisco VG202", "fxs", 2),
        ("Cisco VG204", "fxs", 4),
    ],
)
def test_gateway_port_counts(catalogue: Catalogue, model: str, kind: str, count: int) -> None:
    entry = by_model(catalogue, model)
    assert entry.type == "gateway"
    assert kinds_of(entry).count(kind) == count
    other = "fxs" if kind == "fxo" else "fxo"
    assert kinds_of(entry).count(other) == 0


def test_kx_tes824_power_fail_transfer(catalogue: Catalogue) -> None:
    entry = by_model(catalogue, "Panasonic KX-TES824")
    assert entry.type == "analog-pbx"
    by_id = {p.id: p for p in entry.ports}
    relays = {
        p.label: by_id[p.properties["power_fail_to"]].label
        for p in entry.ports
        if p.properties.get("power_fail_to")
    }
    assert relays == {"EXT 01": "CO 1", "EXT 09": "CO 4", "EXT 17": "CO 7"}
    assert kinds_of(entry).count("fxo") == 8 and kinds_of(entry).count("fxs") == 24


def test_the_ip_pbx_with_an_analog_card(catalogue: Catalogue) -> None:
    cards = [e for e in catalogue if e.type == "ip-pbx" and e.model]
    assert cards
    entry = cards[0]
    assert kinds_of(entry).count("fxs") == 2 and kinds_of(entry).count("fxo") == 2
    assert "ethernet" in kinds_of(entry)


def test_no_entry_states_a_ren_or_loop_length_domain_md_does_not_give(catalogue: Catalogue) -> None:
    allowed_ren = {("grandstream-ht802", "phone1"), ("grandstream-ht802", "phone2")}
    for entry in catalogue:
        assert "ren" not in entry.properties, entry.id
        for port in entry.ports:
            assert "max_loop_m" not in port.properties, (entry.id, port.id)
            if "ren_budget" in port.properties:
                assert (entry.id, port.id) in allowed_ren
        # Descriptions may say "REN not published", never a figure (HT802: 3 REN per domain.md).
        if entry.id != "grandstream-ht802":
            assert not re.search(r"\d\s*REN\b", entry.description), entry.id
        assert not re.search(r"\d\s*(m|metres|meters|ft|feet|km)\b", entry.description), entry.id


# --- placing devices -------------------------------------------------------------------------


def test_every_entry_makes_a_device_that_saves_and_loads(catalogue: Catalogue) -> None:
    plan = Plan(region="US")
    for n, entry in enumerate(catalogue):
        device = entry.make_device(plan.fresh_id("device", entry.id), 10 * n, 20)
        assert device.type == entry.type and device.model == entry.model
        assert device.label == entry.label
        assert [p.id for p in device.ports] == [p.id for p in entry.ports]
        plan.add_device(device)
    text = dumps_plan(plan)
    assert load_plan_bytes(text.encode("utf-8")) == plan
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert list(validator.iter_errors(json.loads(text))) == []


def test_make_device_uses_the_given_label_and_position(catalogue: Catalogue) -> None:
    device = catalogue.entry("grandstream-ht813").make_device("ata1", 3, 4.5, label="Front desk")
    assert (device.id, device.label, device.x, device.y) == ("ata1", "Front desk", 3.0, 4.5)
    assert isinstance(device.x, float)


def test_placed_devices_do_not_share_state_with_the_catalogue(catalogue: Catalogue) -> None:
    entry = catalogue.entry("grandstream-ht813")
    before = (json.dumps(entry.properties), [(p.id, p.label, json.dumps(p.properties)) for p in entry.ports])
    first = entry.make_device("a", 0, 0)
    second = entry.make_device("b", 0, 0)
    first.properties["t38"] = False
    first.ports[0].properties["power_fail_to"] = None
    first.ports[0].label = "changed"
    first.ports.pop()
    assert second.properties["t38"] is True
    assert second.ports[0].properties["power_fail_to"] == "line1"
    assert second.ports[0].label == "PHONE"
    after = (json.dumps(entry.properties), [(p.id, p.label, json.dumps(p.properties)) for p in entry.ports])
    assert after == before
    assert entry.make_device("c", 0, 0).ports[0].properties == {"power_fail_to": "line1"}


def test_lookup_helpers(catalogue: Catalogue) -> None:
    assert catalogue.entry("fax").type == "fax"
    assert catalogue.get("nope") is None
    with pytest.raises(KeyError):
        catalogue.entry("nope")


# --- malformed entries are authoring bugs, reported clearly -------------------------------------


GOOD = {"id": "x", "type": "ata", "label": "X", "category": "adapters", "description": "d", "ports": []}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"type": "teleporter"}, "unknown device type"),
        ({"category": "misc"}, "category"),
        ({"description": ""}, "required non-empty string"),
        ({"id": "a b"}, "bad id"),
        ({"colour": "red"}, "unknown keys"),
        ({"properties": {"t38": "yes"}}, "properties.t38"),
        ({"ports": [{"id": "p", "kind": "isdn"}]}, "unknown port kind"),
        ({"ports": [{"id": "p", "kind": "fxs"}, {"id": "p", "kind": "fxo"}]}, "duplicate port ids"),
        ({"ports": [{"id": "p", "kind": "fxs", "properties": {"power_fail_to": "q"}}]}, "power_fail_to"),
        ({"ports": [{"id": "p{n}", "kind": "fxs", "count": 300}]}, "more than 256"),
    ],
)
def test_malformed_entries_are_refused(change: dict[str, object], message: str) -> None:
    with pytest.raises(CatalogueError, match=re.escape(message)):
        parse_entry(GOOD | change, "test.json[0]")


def test_port_counts_expand_with_numbers() -> None:
    entry = parse_entry(
        GOOD | {"ports": [{"id": "fxs{n}", "kind": "fxs", "count": 3, "label": "FXS {n}"}]}, "t"
    )
    assert [(p.id, p.label) for p in entry.ports] == [("fxs1", "FXS 1"), ("fxs2", "FXS 2"), ("fxs3", "FXS 3")]
    assert entry.ports[0] is not entry.ports[1]
