"""The HTML memo's stylesheet: a readable measure on screen, A4 pages in print.

Colours are chosen for WCAG 2.1 AA: body text #1a1a1a and headings #1f3a5f on white (over 10:1),
muted text #44505c (over 7:1); findings and evidence stand apart by a border and a tint, not by
colour alone.
"""

CSS = """\
:root { color-scheme: light; }
html { background: #ffffff; color: #1a1a1a; }
body {
  font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
  font-size: 1.0625rem; line-height: 1.55;
  max-width: 44rem; margin: 0 auto; padding: 2rem 1.25rem 4rem;
}
h1, h2, h3 { color: #1f3a5f; line-height: 1.25; }
h1 { font-size: 2rem; margin: 0.25rem 0 0.5rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 0.75rem; padding-bottom: 0.25rem;
     border-bottom: 2px solid #1f3a5f; }
h3 { font-size: 1.125rem; margin: 1.5rem 0 0.25rem; }
p, ul, table, figure { margin: 0 0 0.9rem; }
header { border-bottom: 4px solid #1f3a5f; padding-bottom: 0.75rem; margin-bottom: 1rem; }
.kicker, .made, .meta { color: #44505c; font-size: 0.95rem; margin: 0; }
.kicker { text-transform: uppercase; letter-spacing: 0.06em; font-weight: 600; }
nav ul { columns: 2; margin: 0; padding-left: 0; list-style: none; }
nav a { color: #1f4e79; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #8a9bb0; padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: #e3ebf4; }
tbody th { font-weight: normal; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 1rem 0 1.25rem; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { color: #44505c; font-size: 0.95rem; margin-top: 0.35rem; }
.label { font-weight: 600; color: #2c3a48; }
p.line { margin: 0.15rem 0 0; }
ul.findings, ul.accepted { list-style: none; padding: 0; }
ul.findings > li { border-left: 6px solid #8a4b08; background: #fdf4e7; padding: 0.6rem 0.9rem;
                   margin-bottom: 0.75rem; }
ul.accepted > li { border-left: 6px solid #2e6b30; background: #eef6ee; padding: 0.6rem 0.9rem;
                   margin-bottom: 0.75rem; }
p.open, ul.open { background: #fff8db; border-left: 6px solid #7a5c00; padding: 0.4rem 0.9rem; }
ul.open { padding-left: 2rem; }
@media print {
  @page { size: A4; margin: 2cm 2cm 2.2cm; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  section.part + section.part { break-before: page; }
  h2, h3 { break-after: avoid; }
  li, tr, figure { break-inside: avoid; }
  ul.findings > li, ul.accepted > li, p.open, thead th { print-color-adjust: exact;
    -webkit-print-color-adjust: exact; }
}
"""
