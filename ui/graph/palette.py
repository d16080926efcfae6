"""Colours and sizes of the contributing-factor graph, for the facilitator's screen and the projector.

Category colours come from the Okabe–Ito palette, which stays distinguishable with the common
forms of colour blindness. Colour is never the only cue: every card also names its category in
its colour band, and the legend pairs each colour with its name.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from retro.domain import FactorCategory

#: Okabe–Ito colours per category (band fill).
CATEGORY_COLOURS: dict[FactorCategory, str] = {
    FactorCategory.TECHNOLOGY: "#0072B2",  # blue
    FactorCategory.PROCESS: "#E69F00",  # orange
    FactorCategory.ORGANISATION: "#CC79A7",  # reddish purple
    FactorCategory.HUMAN_FACTORS: "#009E73",  # bluish green
    FactorCategory.EXTERNAL: "#56B4E9",  # sky blue
}

#: Card and impact sizes in scene units (the demo's columns are 260 apart, rows 140).
CARD_WIDTH = 210.0
CARD_HEIGHT = 112.0
BAND_HEIGHT = 22.0
CORNER = 8.0


def category_colour(category: FactorCategory) -> QColor:
    return QColor(CATEGORY_COLOURS[category])


def text_colour_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background`` (relative luminance)."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(background.redF()) + 0.7152 * channel(background.greenF()) + 0.0722 * channel(
        background.blueF()
    )
    return QColor("#000000") if lum > 0.179 else QColor("#FFFFFF")


@dataclass(frozen=True, slots=True)
class GraphStyle:
    """How one scene draws its cards and arrows."""

    name: str
    background: str
    card_fill: str
    card_border: str
    card_text: str
    muted_text: str
    impact_fill: str
    impact_border: str
    arrow: str
    feedback_arrow: str
    selection: str
    warning_fill: str
    warning_text: str
    title_point_size: float
    title_bold: bool
    border_width: float
    arrow_width: float
    max_title_lines: int


FACILITATOR = GraphStyle(
    name="facilitator",
    background="#F4F5F7",
    card_fill="#FFFFFF",
    card_border="#5F6368",
    card_text="#1B1B1F",
    muted_text="#4A4D55",
    impact_fill="#FBE3D6",
    impact_border="#D55E00",
    arrow="#3C4048",
    feedback_arrow="#A8420A",
    selection="#1B1B1F",
    warning_fill="#FFE3A3",
    warning_text="#4D3300",
    title_point_size=10.0,
    title_bold=False,
    border_width=1.2,
    arrow_width=1.8,
    max_title_lines=4,
)

PROJECTOR = GraphStyle(
    name="projector",
    background="#000000",
    card_fill="#FFFFFF",
    card_border="#FFFFFF",
    card_text="#000000",
    muted_text="#000000",
    impact_fill="#FFD9C2",
    impact_border="#FF7A2E",
    arrow="#FFFFFF",
    feedback_arrow="#FFB000",
    selection="#FFE600",
    warning_fill="#FFE600",
    warning_text="#000000",
    title_point_size=10.5,
    title_bold=True,
    border_width=2.5,
    arrow_width=3.5,
    max_title_lines=4,
)

#: The facilitator's canvas in the dark theme: dark cards on a darker ground, light text and arrows.
FACILITATOR_DARK = GraphStyle(
    name="facilitator-dark",
    background="#17181B",
    card_fill="#2B2D31",
    card_border="#8A8D93",
    card_text="#ECECEE",
    muted_text="#B6B9C0",
    impact_fill="#4A2A17",
    impact_border="#FF8A3D",
    arrow="#C9CCD2",
    feedback_arrow="#FFB347",
    selection="#FFFFFF",
    warning_fill="#5A4500",
    warning_text="#FFE3A3",
    title_point_size=FACILITATOR.title_point_size,
    title_bold=FACILITATOR.title_bold,
    border_width=FACILITATOR.border_width,
    arrow_width=FACILITATOR.arrow_width,
    max_title_lines=FACILITATOR.max_title_lines,
)


def facilitator_style(dark: bool) -> GraphStyle:
    """The facilitator's canvas style for the light or the dark theme."""
    return FACILITATOR_DARK if dark else FACILITATOR
