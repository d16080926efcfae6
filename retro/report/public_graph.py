"""The public report's "contributed to" arrows: between what it keeps, bridging what it leaves out."""

from __future__ import annotations

from retro.domain import FactorLink, Retro


def public_links(retro: Retro, kept: set[str]) -> dict[str, FactorLink]:
    """Arrows between kept nodes; a chain through removed factors becomes one direct arrow.

    Without this, a public factor whose path to the impact runs through an internal-only factor
    would float unconnected in the public graph.
    """
    forward: dict[str, list[str]] = {}
    for link in retro.links.values():
        forward.setdefault(link.cause_id, []).append(link.effect_id)
    links: dict[str, FactorLink] = {}
    for cause in sorted(kept):
        seen: set[str] = set()
        stack = list(forward.get(cause, []))
        while stack:
            node = stack.pop()
            if node in seen or node == cause:
                continue
            seen.add(node)
            if node in kept:
                key = f"public-{cause}-{node}"
                links[key] = FactorLink(key, cause, node)
            else:
                stack.extend(forward.get(node, []))
    return links
