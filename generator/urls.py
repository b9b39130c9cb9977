"""Where each page lives in the built site, so site, print (QR codes) and exports agree."""

from __future__ import annotations

from generator.config import SiteConfig


def activity(activity_id: str) -> str:
    return f"activities/{activity_id}/"


def organisation(org_id: str) -> str:
    return f"organisations/{org_id}/"


def category(category_id: str) -> str:
    return f"categories/{category_id}/"


def area(area_id: str) -> str:
    return f"areas/{area_id}/"


def day(day_name: str) -> str:
    return f"days/{day_name}/"


def bus_route(number: str, operator_slug: str = "") -> str:
    return f"buses/{number.lower()}{'-' + operator_slug if operator_slug else ''}/"


def absolute(config: SiteConfig, path: str) -> str:
    """The full web address of a page, e.g. for a QR code or a text message."""
    return config.site.url.rstrip("/") + "/" + path.lstrip("/")


def linker(depth: int):
    """Links from a page `depth` folders below the site root, e.g. activities/x/ is depth 2.

    Pages are folders with an index.html (use_directory_urls is off so the site works from
    file://), so a folder path gets "index.html" added.
    """
    root = "../" * depth

    def href(path: str) -> str:
        base, query = (path.split("?", 1) + [""])[:2] if "?" in path else (path, "")
        if base == "" or base.endswith("/"):
            base += "index.html"
        return root + base + ("?" + query if query else "")

    return href
