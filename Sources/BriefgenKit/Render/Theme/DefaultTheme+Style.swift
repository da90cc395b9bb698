extension DefaultTheme {
    /// Readable, responsive, system fonts only: the page makes no request outside the site.
    static let stylesheet = #"""
:root {
  --text: #1d2330; --muted: #5b6475; --bg: #fdfdfc; --panel: #f3f4f1; --line: #dfe2e6;
  --accent: #1f5fbf; --accent-soft: #e7effb; --warn: #9a4a00; --warn-soft: #fff3e3;
  --measure: 44rem; --wide: 72rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.55; color: var(--text); background: var(--bg);
}
@media (prefers-color-scheme: dark) {
  :root { --text: #e6e8ec; --muted: #a3abb9; --bg: #14171c; --panel: #1d2128; --line: #2f3540;
          --accent: #8ab4ff; --accent-soft: #1c2a40; --warn: #ffb86b; --warn-soft: #3a2a16; }
}
* { box-sizing: border-box; }
body { margin: 0; font-size: 1.0625rem; }
a { color: var(--accent); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
.wrap { max-width: var(--wide); margin: 0 auto; padding: 0 1.25rem; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 10; }
.site-header { border-bottom: 1px solid var(--line); background: var(--panel); }
.site-header .wrap { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .5rem 1.5rem; padding-top: .75rem; padding-bottom: .75rem; }
.brand { font-weight: 700; font-size: 1.15rem; color: var(--text); text-decoration: none; }
.site-header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
.site-header nav a { text-decoration: none; color: var(--muted); }
.site-header nav a[aria-current="page"] { color: var(--text); font-weight: 600; border-bottom: 2px solid var(--accent); }
main { padding-top: 1.5rem; padding-bottom: 3rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: .25rem 0 .75rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.prose, .page-head, .backlinks, section { max-width: var(--measure); }
.columns { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 2.5rem; }
.columns section { max-width: none; }
@media (max-width: 52rem) { .columns { grid-template-columns: 1fr; } h1 { font-size: 1.6rem; } }
.lede { font-size: 1.15rem; color: var(--muted); }
.kicker { text-transform: uppercase; letter-spacing: .06em; font-size: .8rem; color: var(--muted); margin: 0; }
.muted, .how { color: var(--muted); font-size: .92em; }
.stats { color: var(--muted); }
.badge { display: inline-block; font-size: .75rem; padding: 0 .45rem; border-radius: 1rem; background: var(--panel); border: 1px solid var(--line); color: var(--muted); vertical-align: .1em; text-decoration: none; }
.badge-disputed { background: var(--warn-soft); color: var(--warn); border-color: var(--warn); }
ul.inline { display: inline; list-style: none; padding: 0; margin: 0; }
ul.inline li { display: inline; }
ul.inline li + li::before { content: ", "; }
ul.plain, ul.cards, ul.mentions { list-style: none; padding: 0; }
ul.plain li { margin: .35rem 0; }
ul.cards li { padding: .75rem 0; border-bottom: 1px solid var(--line); }
ul.cards p { margin: .25rem 0 0; color: var(--muted); }
ol.events { list-style: none; padding: 0; margin: 0; }
li.event { display: grid; grid-template-columns: 9.5rem minmax(0, 1fr); gap: .25rem 1rem; padding: .8rem 0 .8rem .6rem; border-bottom: 1px solid var(--line); border-left: 3px solid transparent; }
li.event .date { color: var(--muted); font-variant-numeric: tabular-nums; }
li.event .event-title { font-weight: 600; }
li.event p { margin: .25rem 0; }
li.event.is-disputed { border-left-color: var(--warn); }
@media (max-width: 36rem) { li.event { grid-template-columns: 1fr; } }
.meta { margin: .25rem 0; font-size: .95rem; }
.label { font-size: .75rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin-right: .35rem; }
.toc { background: var(--panel); border: 1px solid var(--line); border-radius: .5rem; padding: .5rem 1rem; margin: 1rem 0; max-width: var(--measure); }
.toc h2 { font-size: 1rem; margin: .25rem 0; }
.toc ol { margin: .25rem 0; padding-left: 1.2rem; }
.toc .toc-l3 { margin-left: 1rem; list-style: circle; }
.prose p, .prose li { max-width: var(--measure); }
.prose blockquote, blockquote.cited { margin: 1rem 0; padding: .25rem 1rem; border-left: 3px solid var(--line); color: var(--muted); }
blockquote.cited footer { font-size: .9rem; }
.prose table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; }
.prose th, .prose td { border: 1px solid var(--line); padding: .35rem .6rem; text-align: left; }
.prose pre { background: var(--panel); padding: .75rem; overflow-x: auto; border-radius: .35rem; }
.prose code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
.prose img { max-width: 100%; height: auto; }
a.anchor { margin-left: .4rem; color: var(--line); text-decoration: none; font-weight: 400; visibility: hidden; }
h1:hover a.anchor, h2:hover a.anchor, h3:hover a.anchor, h4:hover a.anchor, a.anchor:focus { visibility: visible; }
a.mention { color: inherit; text-decoration-style: dotted; }
a.xref { font-weight: 500; }
.article-text p:target, .prose p:target { background: var(--accent-soft); outline: 3px solid var(--accent-soft); }
a.para { float: left; margin-left: -3.2rem; width: 2.8rem; text-align: right; color: var(--muted); font-size: .75rem; padding-top: .3rem; text-decoration: none; font-variant-numeric: tabular-nums; }
a.para:hover, a.para:focus { color: var(--accent); text-decoration: underline; }
@media (max-width: 60rem) { a.para { float: none; margin: 0 .35rem 0 0; width: auto; padding: 0; } }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; font-size: .95rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.takeaway, .actions, .disputes { background: var(--panel); border: 1px solid var(--line); border-radius: .5rem; padding: .25rem 1rem 1rem; margin: 1.5rem 0; }
.disputes { background: var(--warn-soft); border-color: var(--warn); }
.dispute h3 { margin-top: 1rem; }
.backlinks { border-top: 1px solid var(--line); margin-top: 2.5rem; }
.backlinks h3 { font-size: .85rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.mentions > li { margin: 1rem 0; }
.mentions ul { padding-left: 1.1rem; }
.snippet { color: var(--text); text-decoration: none; }
.snippet:hover { text-decoration: underline; }
.more { margin-top: .75rem; }
ol.changes { list-style: none; padding: 0; }
ol.changes > li { padding: .6rem 0; border-bottom: 1px solid var(--line); }
ol.changes time { color: var(--muted); margin-right: .5rem; font-variant-numeric: tabular-nums; }
.action-list li { margin: .6rem 0; }
dl.action-facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .75rem; margin: .3rem 0 0; font-size: .92rem; }
dl.action-facts dt { color: var(--muted); }
dl.action-facts dd { margin: 0; }
.priority-high { background: var(--warn-soft); color: var(--warn); border-color: var(--warn); }
.as-of { color: var(--muted); font-size: .9rem; margin-left: .5rem; }
.status { background: var(--accent-soft); border: 1px solid var(--line); border-radius: .5rem; padding: .25rem 1rem .75rem; margin: 1rem 0; }
.status h2 { margin: .75rem 0 .25rem; font-size: 1.2rem; }
.key-points { margin: .25rem 0; padding-left: 1.2rem; }
.key-points li { margin: .3rem 0; }
.byline { margin: .25rem 0; }
.story { margin-bottom: 1.5rem; }
.badge-weight.single { background: var(--warn-soft); color: var(--warn); border-color: var(--warn); }
.cite { border-top: 1px solid var(--line); margin-top: 2.5rem; padding-top: .5rem; color: var(--muted); font-size: .9rem; max-width: var(--measure); overflow-wrap: anywhere; }
.cite p { margin: .35rem 0; }
.site-footer { border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; padding: 1rem 0 2rem; }
@media print { .site-header nav, .toc, a.anchor { display: none; } a { color: inherit; } }

"""#
}
