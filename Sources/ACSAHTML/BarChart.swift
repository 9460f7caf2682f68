/// A grouped bar chart, as inline SVG: one group per category along the bottom, one
/// bar per series in each group. Without any bar it draws the axes and a note.
struct BarChart {
  struct Bar {
    let units: Int64
    /// Shown above the bar (short: the axis gives the unit).
    let label: String
    /// The bar's tooltip.
    let detail: String
  }

  struct Group {
    let label: String
    /// One per series, in the order of `series` (zero draws nothing).
    let bars: [Bar]
  }

  let title: String
  let unit: String
  let digits: Int
  let series: [(label: String, colour: String)]
  let groups: [Group]
  let emptyNote: String

  static let width = 960.0
  static let height = 300.0
  static let left = 104.0
  static let right = 24.0
  static let top = 40.0
  static let bottom = 44.0

  var plotWidth: Double { Self.width - Self.left - Self.right }
  var plotHeight: Double { Self.height - Self.top - Self.bottom }
  var isEmpty: Bool { !groups.contains { $0.bars.contains { $0.units != 0 } } }

  func svg(id: String) -> String {
    let values = groups.flatMap { $0.bars.map(\.units) }
    let amounts = AmountAxis(minimum: values.min() ?? 0, maximum: values.max() ?? 0, digits: digits)
    let (left, top) = (Self.left, Self.top)
    let bottomY = top + plotHeight
    let endX = left + plotWidth
    func y(_ units: Int64) -> Double { top + (1 - amounts.fraction(units)) * plotHeight }
    let ink = ChartPalette.axis
    var s = SVG.open(width: Self.width, height: Self.height, id: id, title: title)
    s += SVG.rect(left, top, plotWidth, plotHeight, ChartPalette.agingPlot, cls: "plot")
    for value in isEmpty ? [Int64(0)] : amounts.ticks {
      let ty = isEmpty ? bottomY : y(value)
      if value != 0 { s += SVG.line(left, ty, endX, ty, ChartPalette.grid) }
      s += SVG.line(left - 5, ty, left, ty, ink)
      s += SVG.text(left - 8, ty + 4, isEmpty ? "0" : amounts.label(value), anchor: .end)
    }
    let groupWidth = plotWidth / Double(max(groups.count, 1))
    let barWidth = min(72, groupWidth * 0.7 / Double(max(series.count, 1)))
    for (g, group) in groups.enumerated() {
      let center = left + groupWidth * (Double(g) + 0.5)
      s += SVG.text(center, bottomY + 20, group.label, anchor: .middle)
      let first = center - barWidth * Double(series.count) / 2
      for (b, bar) in group.bars.enumerated() where b < series.count && bar.units != 0 {
        let x0 = first + barWidth * Double(b) + 2
        let barTop = min(y(bar.units), y(0))
        let height = max(abs(y(0) - y(bar.units)), 1)
        let tooltip = series[b].label + ", " + group.label + ": " + bar.detail
        s += SVG.rect(x0, barTop, barWidth - 4, height, series[b].colour, cls: "bar", tooltip: tooltip)
        let labelY = bar.units >= 0 ? barTop - 5 : barTop + height + 13
        s += SVG.text(x0 + (barWidth - 4) / 2, labelY, bar.label, anchor: .middle, cls: "value")
      }
    }
    let zeroY = isEmpty ? bottomY : y(0)
    s += SVG.line(left, top, left, bottomY, ink) + SVG.line(left, zeroY, endX, zeroY, ink)
    s += SVG.verticalText(16, top + plotHeight / 2, unit, cls: "unit")
    if isEmpty {
      s += SVG.text(left + plotWidth / 2, top + plotHeight / 2, emptyNote, anchor: .middle, cls: "note")
    } else {
      var lx = left
      for entry in series {
        s += SVG.rect(lx, top - 26, 14, 14, entry.colour) + SVG.text(lx + 20, top - 14, entry.label)
        lx += 44 + Double(entry.label.count) * 7.2
      }
    }
    return s + "</svg>"
  }
}
