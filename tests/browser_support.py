"""Helpers for the browser tests."""
from helpers import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page):
    """Run axe-core (WCAG 2.0/2.1/2.2 A and AA rules) in the page; returns the violations."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})).violations
            .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"""
    )


def saved(page):
    """The progress history this browser keeps, read through the page's storage script (IndexedDB)."""
    return page.evaluate("window.UpperBackStorage.read()")


def backups(page):
    """The backup copies this browser keeps: [{key, size, text}]."""
    return page.evaluate("window.UpperBackStorage.backups()")
