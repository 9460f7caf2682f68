/// The page's only stylesheet, inline: readable on screen and on paper (A4), with no
/// font, image or stylesheet fetched from anywhere.
public enum ReportStyle {
  public static let css = """
    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    html { background: #ffffff; color: #1b1f24; }
    body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
    main { max-width: 1040px; margin: 0 auto; padding: 28px 32px 48px; }
    h1 { font-size: 1.75em; line-height: 1.2; margin: .15em 0 .35em; }
    h2 { font-size: 1.3em; margin: 2em 0 .5em; padding-bottom: .25em; border-bottom: 2px solid #d3d9e0; }
    h3 { font-size: 1.05em; margin: 1.4em 0 .4em; }
    p { max-width: 70em; }
    .kicker { margin: 0; font-size: .78em; letter-spacing: .06em; text-transform: uppercase; color: #56606b; }
    .lead { color: #39424c; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25em 1.4em; margin: 1em 0; }
    dl.facts dt { color: #56606b; }
    dl.facts dd { margin: 0; }
    code, .code { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: .9em; }
    td .code, dd .code { white-space: nowrap; }
    .code.digest { white-space: normal; word-break: break-all; }
    .detail { display: block; color: #56606b; font-size: .92em; }
    dd .detail { display: inline; }
    ul.summary { display: flex; flex-wrap: wrap; gap: .5em; margin: 1em 0 0; padding: 0; list-style: none; }
    ul.summary li { padding: .3em .8em; border: 1px solid #d3d9e0; border-radius: 6px; background: #f6f7f9; }
    .warning { padding: .5em .8em; border-left: 4px solid #8a6d00; background: #fbf8e6; }
    .empty { color: #56606b; font-style: italic; }
    figure { margin: 1.2em 0 1.8em; break-inside: avoid; page-break-inside: avoid; }
    figcaption { margin-bottom: .3em; }
    svg.chart { display: block; width: 100%; height: auto; font-family: inherit; font-size: 12px; }
    svg.chart text { fill: #2a3038; }
    svg.chart text.unit { font-weight: 600; }
    svg.chart text.note { fill: #5b6470; font-size: 16px; font-style: italic; }
    svg.chart text.value { font-size: 11px; }
    table { width: 100%; margin: .6em 0 1.2em; border-collapse: collapse; font-size: .86em; }
    table.narrow { width: auto; min-width: 60%; }
    th, td { padding: .35em .6em; border-bottom: 1px solid #e1e5ea; text-align: left; vertical-align: top; }
    thead th { background: #eef1f4; border-bottom: 2px solid #c9d0d8; }
    tbody tr:nth-child(even) { background: #fafbfc; }
    td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    td.nowrap, .nowrap { white-space: nowrap; }
    td.differs { font-weight: 700; }
    td.excluded { text-decoration: line-through; }
    .status-delivered, .status-requested { color: #8a4b00; }
    .status-refused, .status-unrecorded { color: #8b1a1a; }
    footer { margin-top: 3em; padding-top: .8em; border-top: 1px solid #d3d9e0; font-size: .85em; color: #56606b; }
    @media print {
      @page { size: A4; margin: 14mm 12mm; }
      html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      body { font-size: 9.5pt; }
      main { max-width: none; padding: 0; }
      h2 { break-after: avoid; page-break-after: avoid; }
      h3 { break-after: avoid; page-break-after: avoid; }
      tr, dl.facts { break-inside: avoid; page-break-inside: avoid; }
      thead { display: table-header-group; }
      ul.summary li, tbody tr:nth-child(even) { background: none; }
      table { font-size: 8.5pt; }
    }

    """
}
