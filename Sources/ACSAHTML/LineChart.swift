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
  /// What the amounts count (`PHP`, `L of DIESEL`).
  let unit: String
  let axis: DateAxis
  let digits: Int
  let series: [Series]
  /// Shown in the plot area when there is no series.
  let emptyNote: String

  static let width = 960.0
  static let height = 300.0
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

  var top: Double { 40 + 20 * Double(legend.map(\.row).max() ?? 0) }
  var height: Double { Self.height + top - 40 }
  var plotWidth: Double { Self.width - Self.left - Self.right }
  var plotHeight: Double { Self.height - 40 - Self.bottom }

  var amounts: AmountAxis {
    let values = series.flatMap { $0.steps.map(\.units) }
    return AmountAxis(minimum: values.min() ?? 0, maximum: values.max() ?? 0, digits: digits)
  }

  func x(_ day: Day) -> Double { Self.left + axis.fraction(day) * plotWidth }

  func y(_ units: Int64, _ amounts: AmountAxis) -> Double {
    top + (1 - amounts.fraction(units)) * plotHeight
  }

  func svg(id: String) -> String {
    let n = SVGNumber.text
    let amounts = amounts
    let bottomY = top + plotHeight
    let endX = Self.left + plotWidth
    var s = "<svg class=\"chart\" viewBox=\"0 0 \(n(Self.width)) \(n(height))\" role=\"img\" aria-labelledby=\"\(id)-t\">"
    s += "<title id=\"\(id)-t\">\(HTML.text(title))</title>"
    s += "<rect class=\"plot\" x=\"\(n(Self.left))\" y=\"\(n(top))\" width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\" fill=\"\(ChartPalette.balancePlot)\"/>"
    // Vertical grid and date labels.
    for tick in axis.ticks {
      let tx = x(tick.day)
      s += "<line x1=\"\(n(tx))\" y1=\"\(n(top))\" x2=\"\(n(tx))\" y2=\"\(n(bottomY))\" stroke=\"\(ChartPalette.grid)\" stroke-width=\"1\"/>"
      s += "<line x1=\"\(n(tx))\" y1=\"\(n(bottomY))\" x2=\"\(n(tx))\" y2=\"\(n(bottomY + 5))\" stroke=\"\(ChartPalette.axis)\" stroke-width=\"1\"/>"
      s += "<text x=\"\(n(tx))\" y=\"\(n(bottomY + 20))\" text-anchor=\"middle\">\(HTML.text(tick.label))</text>"
    }
    // Horizontal grid and amount labels (only zero when there is nothing to draw).
    let ticks = series.isEmpty ? [Int64(0)] : amounts.ticks
    for value in ticks {
      let ty = series.isEmpty ? bottomY : y(value, amounts)
      if value != 0 {
        s += "<line x1=\"\(n(Self.left))\" y1=\"\(n(ty))\" x2=\"\(n(endX))\" y2=\"\(n(ty))\" stroke=\"\(ChartPalette.grid)\" stroke-width=\"1\"/>"
      }
      s += "<line x1=\"\(n(Self.left - 5))\" y1=\"\(n(ty))\" x2=\"\(n(Self.left))\" y2=\"\(n(ty))\" stroke=\"\(ChartPalette.axis)\" stroke-width=\"1\"/>"
      let label = series.isEmpty ? "0" : amounts.label(value)
      s += "<text x=\"\(n(Self.left - 8))\" y=\"\(n(ty + 4))\" text-anchor=\"end\">\(HTML.text(label))</text>"
    }
    // Axes, and the zero line when amounts go below zero.
    let zeroY = series.isEmpty ? bottomY : y(0, amounts)
    s += "<line x1=\"\(n(Self.left))\" y1=\"\(n(top))\" x2=\"\(n(Self.left))\" y2=\"\(n(bottomY))\" stroke=\"\(ChartPalette.axis)\" stroke-width=\"1\"/>"
    s += "<line x1=\"\(n(Self.left))\" y1=\"\(n(bottomY))\" x2=\"\(n(endX))\" y2=\"\(n(bottomY))\" stroke=\"\(ChartPalette.axis)\" stroke-width=\"1\"/>"
    if abs(zeroY - bottomY) > 0.5 {
      s += "<line x1=\"\(n(Self.left))\" y1=\"\(n(zeroY))\" x2=\"\(n(endX))\" y2=\"\(n(zeroY))\" stroke=\"\(ChartPalette.axis)\" stroke-width=\"1\"/>"
    }
    s += "<text class=\"unit\" transform=\"translate(16 \(n(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(HTML.text(unit))</text>"
    if series.isEmpty {
      s += "<text class=\"note\" x=\"\(n(Self.left + plotWidth / 2))\" y=\"\(n(top + plotHeight / 2))\" text-anchor=\"middle\" fill=\"\(ChartPalette.note)\">\(HTML.text(emptyNote))</text>"
    }
    // The series, then the legend above the plot.
    for line in series {
      var d = "M\(n(Self.left)) \(n(y(0, amounts)))"
      for step in line.steps where step.day <= axis.end {
        d += " H\(n(x(Swift.max(step.day, axis.start)))) V\(n(y(step.units, amounts)))"
      }
      d += " H\(n(endX))"
      let dash = line.dashed ? " stroke-dasharray=\"9 5\"" : ""
      s += "<path class=\"series\" d=\"\(d)\" fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"2.5\"\(dash)><title>\(HTML.text(line.label))</title></path>"
    }
    for (line, place) in zip(series, legend) {
      let dash = line.dashed ? " stroke-dasharray=\"9 5\"" : ""
      let ly = 24 + 20 * Double(place.row)
      s += "<line x1=\"\(n(place.x))\" y1=\"\(n(ly - 4))\" x2=\"\(n(place.x + 28))\" y2=\"\(n(ly - 4))\" stroke=\"\(line.colour)\" stroke-width=\"3\"\(dash)/>"
      s += "<text x=\"\(n(place.x + 36))\" y=\"\(n(ly))\">\(HTML.text(line.label))</text>"
    }
    return s + "</svg>"
  }
}
