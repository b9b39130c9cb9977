"""Money and cost, worded once: 'Free', '£3.50', '£3, or £2 concessions',
'Pay what you can (suggested £3)'."""

from __future__ import annotations

from decimal import Decimal

from generator.model import Activity, CostKind
from generator.words import say


def money(amount: Decimal | None) -> str:
    """'£3', '£3.50' ('' for no amount)."""
    if amount is None:
        return ""
    if amount == amount.to_integral_value():
        return say("£{pounds}", pounds=int(amount))
    return say("£{pounds}", pounds=f"{amount:.2f}")


def _activity(entry_or_activity) -> Activity:
    return getattr(entry_or_activity, "activity", entry_or_activity)


def cost_text(entry_or_activity) -> str:
    """The cost on its own, the same in every output."""
    cost = _activity(entry_or_activity).cost
    return cost_words(cost.kind, cost.amount, cost.concession_amount)


def cost_words(kind: CostKind | str, amount: Decimal | None = None,
               concession_amount: Decimal | None = None) -> str:
    """'Free', '£3', '£3, or £2 concessions', 'Pay what you can (suggested £3)'."""
    kind = CostKind(kind)
    if kind is CostKind.free:
        return say("Free")
    if kind is CostKind.fixed:
        return money(amount)
    if kind is CostKind.concessions:
        return say("{full}, or {concession} concessions", full=money(amount),
                   concession=money(concession_amount))
    if amount is not None:
        return say("Pay what you can (suggested {amount})", amount=money(amount))
    return say("Pay what you can")


def cost_line(entry_or_activity) -> str:
    """The cost with the group's own words about it: 'Free. Bring a packed lunch'."""
    cost = _activity(entry_or_activity).cost
    text = cost_text(entry_or_activity)
    return say("{cost}. {note}", cost=text, note=cost.description) if cost.description else text


def cost_short(entry_or_activity) -> str:
    """For a text message: 'Free', '£3 (£2 concessions)', 'Pay what you can (suggested £3)'."""
    cost = _activity(entry_or_activity).cost
    if cost.kind is CostKind.concessions:
        return say("{full} ({concession} concessions)", full=money(cost.amount),
                   concession=money(cost.concession_amount))
    return cost_text(entry_or_activity)
