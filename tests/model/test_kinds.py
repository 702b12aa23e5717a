"""Model policy the designer's panels show: the regions offered and the property defaults."""

from __future__ import annotations

from fxdesigner.model.kinds import DEFAULT_REGION, REGION_REN_LIMIT, REGIONS, device_copper, device_ups
from fxdesigner.model.values import check_region


def test_the_offered_regions_are_valid_codes_and_cover_the_ones_with_their_own_limits() -> None:
    assert all(check_region(code) is None for code in REGIONS)
    assert len(set(REGIONS)) == len(REGIONS)
    assert DEFAULT_REGION in REGIONS and set(REGION_REN_LIMIT) <= set(REGIONS)


def test_an_alarm_panel_counts_as_on_a_ups_unless_its_plan_says_otherwise() -> None:
    assert device_ups("alarm-panel", {}) and not device_ups("alarm-panel", {"ups": False})
    assert not device_ups("ata", {}) and device_ups("ata", {"ups": True})


def test_a_street_line_is_copper_unless_its_plan_says_otherwise() -> None:
    assert device_copper({}) and device_copper({"copper": True}) and not device_copper({"copper": False})
