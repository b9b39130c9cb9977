"""The accessibility statement follows GOV.UK's model statement, with its dates from
site_config/site.yml (a person reviews it; the build date never stands in)."""

from __future__ import annotations

import re

from generator.words.dates import long_date


def test_the_statement_has_the_model_sections_and_the_dates_from_the_settings(demo_web, demo):
    html = (demo_web / "about" / "accessibility" / "index.html").read_text()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    for heading in ("How accessible this website is", "Feedback and contact information",
                    "Reporting accessibility problems with this website", "Enforcement procedure",
                    "Technical information about this website's accessibility", "Compliance status",
                    "Non-accessible content", "What we are doing to improve accessibility",
                    "Preparation of this accessibility statement"):
        assert f">{heading}</h" in html, heading
    statement = demo.config.site.accessibility
    assert f"It was last reviewed on {long_date(statement.reviewed, weekday=False)}." in text
    assert f"This statement was prepared on {long_date(statement.prepared, weekday=False)}." in text
    assert long_date(demo.today, weekday=False) not in text  # not the build date
    assert "partially compliant with the Web Content Accessibility Guidelines version 2.2" in text
    assert "Equality Advisory and Support Service" in text
