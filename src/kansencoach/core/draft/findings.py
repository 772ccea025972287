"""What the review finds: a finding names its rule, how serious it is, and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["blokkerend", "aandacht", "tip"]
SEVERITIES: tuple[Severity, ...] = ("blokkerend", "aandacht", "tip")


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: Severity
    title: str
    message: str
    fix: str
    example: str | None
    source: str
    concerns: str | None
    step_id: str | None
