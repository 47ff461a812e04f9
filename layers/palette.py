"""Colours: the legends' colours (colour-blind safe, checked pairwise), the Okabe–Ito palette they draw on,
and neutrals for context."""

from __future__ import annotations

from layers.base import RGBA

BLUE: RGBA = (0, 114, 178, 235)
ORANGE: RGBA = (230, 159, 0, 235)
VERMILLION: RGBA = (213, 94, 0, 240)
BLUISH_GREEN: RGBA = (0, 158, 115, 230)
YELLOW: RGBA = (240, 228, 66, 230)
REDDISH_PURPLE: RGBA = (204, 121, 167, 255)
SKY_BLUE: RGBA = (86, 180, 233, 230)

# Paul Tol's "bright" purple: the scenario's changed floors, a magenta deeper and far more saturated than
# the bookings' reddish purple (colour-blind safe in Tol's scheme; distinct in lightness from the yellow).
PURPLE: RGBA = (170, 51, 119, 255)
# Tol's bright red: demolished buildings' ghost, pinker than the parking layer's vermillion.
RED: RGBA = (238, 102, 119, 255)

# Earlier sequential greens, kept for other users of these names.
GREEN_LIGHT: RGBA = (199, 233, 192, 230)
GREEN_MID: RGBA = (116, 196, 118, 235)
GREEN_DARK: RGBA = (35, 139, 69, 240)

# What each legend shows, chosen so that every two colours that can touch on the map stay apart for
# deuteranopia, protanopia and tritanopia too (tests/unit/test_palette_cvd.py states the rule and the
# thresholds). Mostly Paul Tol's bright/vibrant/muted schemes and Okabe-Ito.
OCCUPIED: RGBA = (31, 78, 154, 235)  # dark blue
VACANT: RGBA = (240, 228, 66, 235)  # Okabe-Ito yellow: the empty floors are the bright ones
BOOKED: RGBA = (224, 0, 240, 255)  # vivid violet: keeps its hue for every vision (a pale purple turned grey)
CHANGE_USE: RGBA = (136, 34, 85, 255)  # Tol's wine
CHANGE_STATUS: RGBA = (238, 119, 51, 255)  # Tol's vibrant orange
NEW_BUILDING: RGBA = (0, 158, 115, 255)  # Okabe-Ito bluish green
DEMOLISHED: RGBA = (170, 68, 153, 190)  # Tol's muted purple, as a translucent ghost
PARKING_FULL: RGBA = (204, 51, 17, 240)  # Tol's vibrant red
PARKING_SOME: RGBA = (240, 168, 48, 230)  # amber
PARKING_MANY: RGBA = (102, 204, 238, 230)  # Tol's light cyan
# Sequential greens for species richness (light to dark; distinct in lightness for any vision).
RICHNESS_LOW: RGBA = (229, 245, 224, 230)
RICHNESS_MID: RGBA = (116, 196, 118, 235)
RICHNESS_HIGH: RGBA = (27, 120, 55, 240)

NEUTRAL_FLOOR: RGBA = (214, 206, 194, 235)
NO_DATA: RGBA = (160, 160, 160, 200)
OUTLINE: RGBA = (60, 60, 60, 255)
DISTRICT_FILL: RGBA = (232, 226, 214, 255)
DISTRICT_LINE: RGBA = (120, 90, 60, 255)
COMMUNE_LINE: RGBA = (150, 150, 150, 255)
# The selected building's marker (layers/selection.py): the Okabe–Ito black.
SELECTED: RGBA = (0, 0, 0, 255)
