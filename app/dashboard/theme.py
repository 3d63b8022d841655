"""Light / dark theme: chosen in the header, remembered in a cookie so a reload keeps it.

The cookie is read when a page's session starts (the server builds the page in that theme), and
``?theme=dark`` in the address wins over it so a link can force a theme.
"""

from __future__ import annotations

import panel as pn

COOKIE = "courtside_theme"
THEMES = ("default", "dark")
ONE_YEAR = 365 * 24 * 3600


def current_theme() -> str:
    asked = pn.state.session_args.get("theme", [b""])[0].decode() if pn.state.session_args else ""
    if asked in THEMES:
        return asked
    remembered = pn.state.cookies.get(COOKIE, "")
    return remembered if remembered in THEMES else "default"


def theme_toggle(theme: str) -> pn.widgets.Button:
    """A header button that stores the other theme and reloads the page in it."""
    other = "default" if theme == "dark" else "dark"
    button = pn.widgets.Button(
        name="☀ Light" if theme == "dark" else "☾ Dark",
        button_type="light",
        width=90,
        margin=(4, 8),
        css_classes=["theme-toggle"],
        description=f"Switch to the {'light' if other == 'default' else 'dark'} theme",
    )
    button.js_on_click(
        code=f"""
        document.cookie = "{COOKIE}={other}; path=/; max-age={ONE_YEAR}; SameSite=Lax";
        try {{ window.localStorage.setItem("{COOKIE}", "{other}"); }} catch (e) {{}}
        const url = new URL(window.location.href);
        url.searchParams.delete("theme");
        window.location.replace(url.toString());
        """
    )
    return button
