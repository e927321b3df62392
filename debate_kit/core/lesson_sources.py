"""Rules for a counter-reading's sources: cite the original page, with a full date.

These are pure functions on one source's fields; :mod:`debate_kit.core.lesson_readings` calls them
for every source and reports each problem at the line of the field. The rules are listed in
``readings/README.md``:

- the web address is the original outlet's page, not a copy: no site on :data:`REPRINT_SITES`
  (sites that republish other outlets' articles), no AMP copy, no host ending in a dot;
- the date is a full date (YYYY-MM-DD) or the word ``undated`` for a page that shows none, and an
  undated source says when it was read (``accessed``).
"""

from __future__ import annotations

import datetime
import re
import urllib.parse

UNDATED = "undated"

# Sites that republish other outlets' articles (wire-service feeds, news aggregators, document
# mirrors). A fact found there should be cited from the outlet that first published it.
REPRINT_SITES: dict[str, str] = {
    "menafn.com": "a wire-service reprint site",
    "oreanda.ru": "a news aggregator",
    "oreanda-news.com": "a news aggregator",
    "osnmedia.ru": "a news aggregator",
    "vindobona.org": "a site that reprints press releases",
    "forsal.pl": "a site that reprints other outlets' reports",
    "pledgetimes.com": "a news aggregator",
    "news-pravda.com": "a news aggregator",
    "russiasnews.com": "a news aggregator",
    "thecanadian.news": "a news aggregator",
    "pakistanpoint.com": "a site that reprints wire reports",
    "chinaview.cn": "a mirror of another outlet's pages",
    "newser.com": "a news aggregator",
    "particle.news": "a news aggregator",
    "docslib.org": "a mirror of documents published elsewhere",
    "readkong.com": "a mirror of documents published elsewhere",
    "fdocuments.us": "a mirror of documents published elsewhere",
    "paperzz.com": "a mirror of documents published elsewhere",
    "ampproject.org": "a cache of AMP copies of pages",
}

_FULL_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_PARTIAL_DATE_RE = re.compile(r"^\d{4}(?:-\d{2})?$")


def reprint_site(url: str) -> tuple[str, str] | None:
    """The listed reprint site ``url`` is on and why it is listed, or None."""
    host = (urllib.parse.urlsplit(url).hostname or "").rstrip(".").lower()
    for site, what in REPRINT_SITES.items():
        if host == site or host.endswith("." + site):
            return site, what
    return None


def is_amp(url: str) -> bool:
    """True for the address of an AMP copy ("/amp", "?amp=1", "amp.example.org/...")."""
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "").lower()
    if host.startswith("amp.") or host.endswith("ampproject.org"):
        return True
    if "amp" in [segment.lower() for segment in parts.path.split("/")]:
        return True
    query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
    return "amp" in {key.lower() for key in query} or any(
        value.lower() == "amp" for values in query.values() for value in values
    )


def url_copy_problem(url: str) -> str | None:
    """Why ``url`` is not the original page's address, or None if it may be."""
    listed = reprint_site(url)
    if listed is not None:
        site, what = listed
        return (
            f"{site} is {what}; cite the outlet that first published the report "
            "(its own page, with its date)"
        )
    if is_amp(url):
        return "this is the address of an AMP copy; cite the normal page (remove the 'amp' part)"
    if (urllib.parse.urlsplit(url).netloc.split(":")[0]).endswith("."):
        return "the site name in this address ends with a dot; remove the dot"
    return None


def source_date_problem(value: str) -> str | None:
    """Why ``value`` is not a full date (YYYY-MM-DD) or "undated", or None if it is one."""
    if value == UNDATED:
        return None
    match = _FULL_DATE_RE.match(value)
    if match is None:
        if _PARTIAL_DATE_RE.match(value):
            return (
                f"'{value}' is not a full date; give the day it was published (YYYY-MM-DD), "
                f"or write '{UNDATED}' and add 'accessed: YYYY-MM-DD' if the page shows no full date"
            )
        return f"'{value}' is not a date written YYYY-MM-DD (or '{UNDATED}')"
    try:
        datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return f"'{value}' is not a real date"
    return None


def full_date_problem(value: str) -> str | None:
    """Why ``value`` is not a real date written YYYY-MM-DD, or None if it is one."""
    match = _FULL_DATE_RE.match(value)
    if match is None:
        return f"'{value}' is not a date written YYYY-MM-DD"
    try:
        datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return f"'{value}' is not a real date"
    return None
