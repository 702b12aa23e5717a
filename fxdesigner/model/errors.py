"""Typed errors for states a plan can never be in.

Wiring *mistakes* are not errors here: the model accepts them and the rules
engine reports them. These exceptions are for broken structure only.
"""

from __future__ import annotations


class PlanInvariantError(ValueError):
    """A change would break the plan's structure."""


class InvalidIdError(PlanInvariantError):
    """An id is empty, too long or uses characters outside A-Z a-z 0-9 _ . -."""


class DuplicateIdError(PlanInvariantError):
    """Two objects of one kind (devices, links, notes, waivers, ports of a device) share an id."""


class MissingReferenceError(PlanInvariantError):
    """Something names a device, port, link, note or waiver that does not exist."""


class SamePortLinkError(PlanInvariantError):
    """A link whose two ends are the same port."""


class InvalidValueError(PlanInvariantError):
    """A property holds a value its type does not allow (a negative REN, a NaN coordinate...)."""


class StillReferencedError(PlanInvariantError):
    """A removal was asked for while links still refer to the object."""
