"""The frame around every page: template, navigation, theme switch, styles.

BootstrapTemplate because it makes no request outside the server (the Fast and Material
templates link Google Fonts); Panel serves every script and stylesheet itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import panel as pn
from panel.template.bootstrap import BootstrapTemplateActions

from app.dashboard.theme import current_theme, theme_toggle

SITE = "Courtside"

# The template's own page (outside Panel's shadow DOM): header and sidebar layout, phone widths.
TEMPLATE_CSS = """
html, body { overflow-x: hidden; }
#header-items { margin-left: auto; display: flex; align-items: center; }
#header .title { white-space: nowrap; }
@media (max-width: 700px) {
  html:root { --sidebar-width: 100%; }
  #header .title { font-size: 1.1em; }
  #content { flex-direction: column; flex-wrap: nowrap; overflow-y: auto !important; }
  #sidebar { width: 100% !important; max-width: 100% !important; min-height: 0 !important; height: auto !important;
             padding: 4px 0 !important; border-bottom: 1px solid rgba(127,127,127,.25); }
  #main { padding-left: 2px !important; padding-right: 2px !important; max-height: none !important;
          overflow: visible !important; }
}
"""

# Inside a pane (shadow DOM): the navigation links.
NAV_CSS = """
ul.courtside-nav { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 2px; }
.courtside-nav a { display: block; padding: 7px 12px; border-radius: 6px; color: inherit; text-decoration: none;
                   font-size: 15px; }
.courtside-nav a:hover { background: rgba(127,127,127,.15); }
.courtside-nav a.active { background: #17408B; color: #fff; font-weight: 600; }
@media (max-width: 700px) {
  ul.courtside-nav { flex-direction: row; flex-wrap: wrap; }
  .courtside-nav a { padding: 4px 9px; font-size: 13px; }
}
"""


# The stock template builds its modal with bootstrap's script at render time, and on a loaded machine that
# script may not have run yet ("bootstrap is not defined", an empty page). The console opens no modal: wait for it.
BootstrapTemplateActions._scripts = {
    "render": "if (window.bootstrap) { state.modal = new bootstrap.Modal(document.getElementById('pn-Modal')) }",
    "open_modal": "state.modal && state.modal.show()",
    "close_modal": "state.modal && state.modal.hide()",
}


@dataclass(frozen=True)
class Route:
    path: str  # served at /<path>
    title: str
    blurb: str  # one line under the title: what the page answers


def nav(routes: tuple[Route, ...], active: Route) -> pn.pane.HTML:
    links = "".join(
        f'<li><a class="{"active" if r is active else ""}" href="./{r.path}">{r.title}</a></li>' for r in routes
    )
    return pn.pane.HTML(f'<ul class="courtside-nav">{links}</ul>', sizing_mode="stretch_width", stylesheets=[NAV_CSS])


def page_frame(routes: tuple[Route, ...], active: Route, content) -> pn.template.BootstrapTemplate:
    """The template for one page, in the theme the reader chose."""
    theme = current_theme()
    template = pn.template.BootstrapTemplate(
        title=SITE,
        theme=theme,
        sidebar_width=210,
        meta_viewport="width=device-width, initial-scale=1",  # phones lay the page out at their own width
        header_background="#17408B",  # the league's blue
        raw_css=[TEMPLATE_CSS],
        busy_indicator=pn.indicators.LoadingSpinner(width=24, height=24, value=False, color="light"),
    )
    template.header.append(theme_toggle(theme))
    template.sidebar.append(nav(routes, active))
    template.main.append(
        pn.Column(
            pn.pane.Markdown(f"## {active.title}\n<span class='page-intro'>{active.blurb}</span>", margin=(0, 10)),
            content,
            sizing_mode="stretch_width",
        )
    )
    return template
