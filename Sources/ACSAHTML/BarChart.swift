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
    let n = SVGNumber.text
    let values = groups.flatMap { $0.bars.map(\.units) }
    let amounts = AmountAxis(minimum: values.min() ?? 0, maximum: values.max() ?? 0, digits: digits)
    let bottomY = Self.top + plotHeight
    func y(_ units: Int64) -> Double { Self.top + (1 - amounts.fraction(units)) * plotHeight }
    var s = "<svg class=\"chart\" viewBox=\"0 0 \(n(Self.width)) \(n(Self.height))\" role=\"img\" aria-labelledby=\"\(id)-t\">"
    s += "<title id=\"\(id)-t\">\(HTML.text(title))</title>"
    s += "<rect class=\"plot\" x=\"\(n(Self.left))\" y=\"\(n(Self.top))\" width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\" fill=\"\(ChartPalette.agingPlot)\"/>"
    let ticks = isEmpty ? [Int64(0)] : amounts.ticks
    for value in ticks {
      let ty = isEmpty ? bottomY : y(value)
      if value != 0 {
        s += "<line x1=\"\(n(Self.left))\" y1=\"\(n(ty))\" x2=\"\(n(Self.left + plotWidth))\" y2=\"\(n(ty))\" stroke=\"\(ChartPalette.grid)\" stroke-width=\"1\"/>"
      }
      s += "<line x1=\"\(n(Self.left - 5))\" y1=\"\(n(ty))\" x2=\"\(n(Self.left))\" y2=\"\(n(ty))\" stroke=\"\(ChartPalette.axis)\" stroke-width=\"1\"/>"
      s += "<text x=\"\(n(Self.left - 8))\" y=\"\(n(ty + 4))\" text-anchor=\"end\">\(HTML.text(isEmpty ? "0" : amounts.label(value)))</text>"
    }
    let groupWidth = plotWidth / Double(max(groups.count, 1))
    let barWidth = min(72, groupWidth * 0.7 / Double(max(series.count, 1)))
    for (g, group) in groups.enumerated() {
      let center = Self.left + groupWidth * (Double(g) + 0.5)
      s += "<text x=\"\(n(center))\" y=\"\(n(bottomY + 20))\" text-anchor=\"middle\">\(HTML.text(group.label))</text>"
      let first = center - barWidth * Double(series.count) / 2
      for (b, bar) in group.bars.enumerated() where b < series.count && bar.units != 0 {
        let x0 = first + barWidth * Double(b) + 2
        let top = min(y(bar.units), y(0))
        let height = max(abs(y(0) - y(bar.units)), 1)
        s += "<rect class=\"bar\" x=\"\(n(x0))\" y=\"\(n(top))\" width=\"\(n(barWidth - 4))\" height=\"\(n(height))\" fill=\"\(series[b].colour)\">"
        s += "<title>\(HTML.text(series[b].label + ", " + group.label + ": " + bar.detail))</title></rect>"
        let labelY = bar.units >= 0 ? top - 5 : top + height + 13
        s += "<text class=\"value\" x=\"\(n(x0 + (barWidth - 4) / 2))\" y=\"\(n(labelY))\" text-anchor=\"middle\">\(HTML.text(bar.label))</text>"
      }
    }
    let zeroY = isEmpty ? bottomY : y(0)
    s += "<line x1=\"\(n(Self.left))\" y1=\"\(n(Self.top))\" x2=\"\(n(Self.left))\" y2=\"\(n(bottomY))\" stroke=\"\(ChartPalette.axis)\" stroke-width=\"1\"/>"
    s += "<line x1=\"\(n(Self.left))\" y1=\"\(n(zeroY))\" x2=\"\(n(Self.left + plotWidth))\" y2=\"\(n(zeroY))\" stroke=\"\(ChartPalette.axis)\" stroke-width=\"1\"/>"
    s += "<text class=\"unit\" transform=\"translate(16 \(n(Self.top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(HTML.text(unit))</text>"
    if isEmpty {
      s += "<text class=\"note\" x=\"\(n(Self.left + plotWidth / 2))\" y=\"\(n(Self.top + plotHeight / 2))\" text-anchor=\"middle\" fill=\"\(ChartPalette.note)\">\(HTML.text(emptyNote))</text>"
    } else {
      var lx = Self.left
      for entry in series {
        s += "<rect x=\"\(n(lx))\" y=\"\(n(Self.top - 26))\" width=\"14\" height=\"14\" fill=\"\(entry.colour)\"/>"
        s += "<text x=\"\(n(lx + 20))\" y=\"\(n(Self.top - 14))\">\(HTML.text(entry.label))</text>"
        lx += 44 + Double(entry.label.count) * 7.2
      }
    }
    return s + "</svg>"
  }
}
