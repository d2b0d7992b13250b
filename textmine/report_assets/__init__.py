"""Stylesheet and script that textmine.report inlines into the self-contained HTML report."""
