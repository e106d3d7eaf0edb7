"""Data for the home page's pictures, drawn as SVG by the templates: a tile
grid of China's provincial divisions, and where its timeline of releases
per month ends."""

import datetime
from dataclasses import dataclass

from articles.models import Region
from articles.portal.timeline import month_after

# Tiles keyed by the first two digits of the division code (GB/T 2260):
# (column, row, short label). The grid keeps neighbours roughly together.
TILE_GRID = {
    "23": (7, 0, "HL"),  # Heilongjiang
    "65": (0, 1, "XJ"),  # Xinjiang
    "15": (3, 1, "NM"),  # Inner Mongolia
    "11": (4, 1, "BJ"),  # Beijing
    "21": (6, 1, "LN"),  # Liaoning
    "22": (7, 1, "JL"),  # Jilin
    "63": (1, 2, "QH"),  # Qinghai
    "62": (2, 2, "GS"),  # Gansu
    "64": (3, 2, "NX"),  # Ningxia
    "14": (4, 2, "SX"),  # Shanxi
    "13": (5, 2, "HE"),  # Hebei
    "12": (6, 2, "TJ"),  # Tianjin
    "54": (0, 3, "XZ"),  # Tibet
    "51": (1, 3, "SC"),  # Sichuan
    "61": (2, 3, "SN"),  # Shaanxi
    "41": (3, 3, "HA"),  # Henan
    "37": (4, 3, "SD"),  # Shandong
    "53": (1, 4, "YN"),  # Yunnan
    "50": (2, 4, "CQ"),  # Chongqing
    "42": (3, 4, "HB"),  # Hubei
    "34": (4, 4, "AH"),  # Anhui
    "32": (5, 4, "JS"),  # Jiangsu
    "31": (6, 4, "SH"),  # Shanghai
    "52": (2, 5, "GZ"),  # Guizhou
    "43": (3, 5, "HN"),  # Hunan
    "36": (4, 5, "JX"),  # Jiangxi
    "33": (5, 5, "ZJ"),  # Zhejiang
    "45": (2, 6, "GX"),  # Guangxi
    "44": (3, 6, "GD"),  # Guangdong
    "35": (4, 6, "FJ"),  # Fujian
    "71": (5, 6, "TW"),  # Taiwan
    "46": (2, 7, "HI"),  # Hainan
    "82": (3, 7, "MO"),  # Macao
    "81": (4, 7, "HK"),  # Hong Kong
}
TILE, GAP = 52, 4
SHADES = 5  # colour classes tile-0 (no releases) to tile-5


@dataclass
class Tile:
    region: Region
    count: int
    label: str
    x: int
    y: int
    shade: int


def province_tiles(provinces):
    """One tile per provincial division, shaded by its `release_count`."""
    provinces = [p for p in provinces if p.code and p.code[:2] in TILE_GRID]
    most = max((p.release_count for p in provinces), default=0)
    tiles = []
    for province in provinces:
        column, row, label = TILE_GRID[province.code[:2]]
        count = province.release_count
        shade = 0 if not count else 1 + (SHADES - 1) * count // max(most, 1)
        tiles.append(
            Tile(province, count, label, column * (TILE + GAP), row * (TILE + GAP), min(shade, 5))
        )
    return tiles


# A quarter with fewer releases than this share of the busiest one is too
# quiet to end the chart at.
QUIET_SHARE = 0.05


def chart_end(month_counts, today):
    """Where the home page's chart and rankings end: the last day of the
    latest month, up to today, that has releases and whose quarter (it and
    the two months before) holds at least QUIET_SHARE of the busiest
    quarter's releases; or None without dated releases.

    One release dated in the future or years from the rest (a bad parse, a
    mistyped year) is ignored so, where ending at the newest date would
    move the window past every other release and empty the chart."""
    this_month = today.replace(day=1)
    counts = {
        month.replace(day=1): count
        for month, count in month_counts
        if month is not None and month.replace(day=1) <= this_month
    }
    if not counts:
        return None

    def quarter(month):
        earlier = (month - datetime.timedelta(days=1)).replace(day=1)
        earliest = (earlier - datetime.timedelta(days=1)).replace(day=1)
        return sum(counts.get(m, 0) for m in (month, earlier, earliest))

    busiest = max(quarter(month) for month in counts)
    anchor = max(month for month in counts if quarter(month) >= QUIET_SHARE * busiest)
    return min(month_after(anchor) - datetime.timedelta(days=1), today)
