"""UI text: the one translation table (French first, English second) and the one place where numbers, dates
and coded values are formatted, so that tooltips, tables, KPIs and panels agree."""
