"""What a format's detection answers: its evidence for a file, or its reason to decline."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Verdict:
    accepted: bool
    why: str  # the evidence when accepted, the reason when declined

    @classmethod
    def accept(cls, evidence: str) -> Verdict:
        return cls(True, evidence)

    @classmethod
    def decline(cls, reason: str) -> Verdict:
        return cls(False, reason)

    def __bool__(self) -> bool:
        return self.accepted
