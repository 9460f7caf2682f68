import ACSADomain

/// A step chart of balances over time, as inline SVG: each series holds its value from
/// the day it changed until its next change. Without series it draws the axes and a
/// note instead, never an empty or degenerate line.
struct LineChart {
  struct Series {
    let label: String
    let colour: String
    let dashed: Bool
    /// (day, value from the end of that day on), by day; the value is zero before the first.
    let steps: [(day: Day, units: Int64)]
  }

  let title: String
  /// What the amounts count (`PHP`, `DIESEL (L)`).
  let unit: String
  let axis: DateAxis
  let digits: Int
  let series: [Series]
  /// Shown in the plot area when there is no series.
  let emptyNote: String

  static let width = 960.0
  static let plotHeight = 216.0
  static let left = 104.0
  static let right = 24.0
  static let bottom = 44.0

  /// Where each legend entry goes (x, row): entries wrap onto more rows when the labels
  /// are long, and the plot moves down to make room.
  var legend: [(x: Double, row: Int)] {
    var placed: [(x: Double, row: Int)] = []
    var x = Self.left
    var row = 0
    for line in series {
      let width = 44 + Double(line.label.count) * 7.2
      if x > Self.left && x + width > Self.width - Self.right {
        x = Self.left
        row += 1
      }
      placed.append((x, row))
      x += width + 12
    }
    return placed
  }

  var plotWidth: Double { Self.width - Self.left - Self.right }

  var amounts: AmountAxis {
    let values = series.flatMap { $0.steps.map(\.units) }
    return AmountAxis(minimum: values.min() ?? 0, maximum: values.max() ?? 0, digits: digits)
  }

  func x(_ day: Day) -> Double { Self.left + axis.fraction(day) * plotWidth }

  func svg(id: String) -> String {
    let legend = legend
    let top = 40 + 20 * Double(legend.map(\.row).max() ?? 0)
    let amounts = amounts
    let bottomY = top + Self.plotHeight
    let endX = Self.left + plotWidth
    func y(_ units: Int64) -> Double { top + (1 - amounts.fraction(units)) * Self.plotHeight }
    let grid = ChartPalette.grid
    let ink = ChartPalette.axis
    var s = SVG.open(width: Self.width, height: top + Self.plotHeight + Self.bottom, id: id, title: title)
    s += SVG.rect(Self.left, top, plotWidth, Self.plotHeight, ChartPalette.balancePlot, cls: "plot")
    // Vertical grid and date labels.
    for tick in axis.ticks {
      let tx = x(tick.day)
      s += SVG.line(tx, top, tx, bottomY, grid) + SVG.line(tx, bottomY, tx, bottomY + 5, ink)
      s += SVG.text(tx, bottomY + 20, tick.label, anchor: .middle)
    }
    // Horizontal grid and amount labels (only zero, at the bottom, when nothing is drawn).
    for value in series.isEmpty ? [Int64(0)] : amounts.ticks {
      let ty = series.isEmpty ? bottomY : y(value)
      if value != 0 { s += SVG.line(Self.left, ty, endX, ty, grid) }
      s += SVG.line(Self.left - 5, ty, Self.left, ty, ink)
      s += SVG.text(Self.left - 8, ty + 4, series.isEmpty ? "0" : amounts.label(value), anchor: .end)
    }
    // Axes, and the zero line when amounts go below zero.
    s += SVG.line(Self.left, top, Self.left, bottomY, ink) + SVG.line(Self.left, bottomY, endX, bottomY, ink)
    let zeroY = series.isEmpty ? bottomY : y(0)
    if abs(zeroY - bottomY) > 0.5 { s += SVG.line(Self.left, zeroY, endX, zeroY, ink) }
    s += SVG.verticalText(16, top + Self.plotHeight / 2, unit, cls: "unit")
    if series.isEmpty {
      s += SVG.text(Self.left + plotWidth / 2, top + Self.plotHeight / 2, emptyNote, anchor: .middle, cls: "note")
    }
    // The series, then the legend above the plot.
    for line in series {
      var d = "M\(SVG.number(Self.left)) \(SVG.number(y(0)))"
      for step in line.steps where step.day <= axis.end {
        d += " H\(SVG.number(x(max(step.day, axis.start)))) V\(SVG.number(y(step.units)))"
      }
      d += " H\(SVG.number(endX))"
      let dash = line.dashed ? " stroke-dasharray=\"9 5\"" : ""
      s += "<path class=\"series\" d=\"\(d)\" fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"2.5\"\(dash)>"
      s += "<title>\(HTML.text(line.label))</title></path>"
    }
    for (line, place) in zip(series, legend) {
      let ly = 24 + 20 * Double(place.row)
      s += SVG.line(place.x, ly - 4, place.x + 28, ly - 4, line.colour, width: 3, dashed: line.dashed)
      s += SVG.text(place.x + 36, ly, line.label)
    }
    return s + "</svg>"
  }
}
