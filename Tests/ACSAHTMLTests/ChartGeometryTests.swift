import ACSADomain
import Testing

@testable import ACSAHTML

@Suite("chart axes and SVG")
struct ChartGeometryTests {
  static func day(_ text: String) -> Day { Day(iso: text)! }

  @Test("amount ticks: round steps from zero, whole units without their fraction")
  func amountTicks() {
    let php = AmountAxis(minimum: 0, maximum: 214_200_000, digits: 2)  // PHP 2,142,000.00
    #expect(php.step == 50_000_000)
    #expect(php.ticks.map(php.label) == ["0", "500,000", "1,000,000", "1,500,000", "2,000,000", "2,500,000"])
    let negative = AmountAxis(minimum: -150, maximum: 300, digits: 0)
    #expect(negative.ticks == [-200, -100, 0, 100, 200, 300])
    #expect(negative.fraction(-200) == 0 && negative.fraction(300) == 1)
    let small = AmountAxis(minimum: 0, maximum: 35, digits: 2)  // PHP 0.35: fractions stay
    #expect(small.ticks.map(small.label) == ["0.00", "0.10", "0.20", "0.30", "0.40"])
    let items = AmountAxis(minimum: 0, maximum: 12_000_000, digits: 3)  // 12,000 rounds
    #expect(items.ticks.map(items.label) == ["0", "5,000", "10,000", "15,000"])
  }

  @Test("amount ticks: all zero, or as large as Int64 goes, without a crash")
  func amountEdges() {
    let zero = AmountAxis(minimum: 0, maximum: 0, digits: 0)
    #expect(zero.low == 0 && zero.high > 0)
    for (lo, hi) in [(Int64.min, Int64.max), (0, Int64.max), (Int64.min, 0)] {
      let axis = AmountAxis(minimum: lo, maximum: hi, digits: 2)
      #expect(axis.step > 0)
      #expect(axis.ticks.count < 100)
      #expect(axis.fraction(0) >= 0 && axis.fraction(0) <= 1)
    }
  }

  @Test("date ticks: months for a long period, days for a short one, at most ten")
  func dateTicks() {
    let long = DateAxis(start: Self.day("2026-10-01"), end: Self.day("2027-12-31"))
    #expect(long.ticks.map(\.label) == ["Nov 2026", "Jan 2027", "Mar 2027", "May 2027", "Jul 2027", "Sep 2027", "Nov 2027"])
    let short = DateAxis(start: Self.day("2026-10-01"), end: Self.day("2026-11-15"))
    #expect(short.ticks.map(\.label) == ["1 Oct", "8 Oct", "15 Oct", "22 Oct", "29 Oct", "5 Nov", "12 Nov"])
    let years = DateAxis(start: Self.day("2020-01-01"), end: Self.day("2031-06-30"))
    #expect(years.ticks.map(\.label) == ["2020", "2022", "2024", "2026", "2028", "2030"])
    let oneDay = DateAxis(start: Self.day("2026-10-01"), end: Self.day("2026-10-01"))
    #expect(oneDay.ticks.map(\.label) == ["1 Oct"])
    #expect(oneDay.fraction(Self.day("2026-10-02")) == 1)
  }

  @Test("escaping: & < > \" ' and control characters")
  func escaping() {
    #expect(HTML.text("A & B <c> \"d\" 'e'") == "A &amp; B &lt;c&gt; &quot;d&quot; &#39;e&#39;")
    #expect(HTML.text("tab\tline\nbell\u{07}") == "tab\tline\nbell\u{FFFD}")
    #expect(HTML.text("日本 ₱") == "日本 ₱")
    #expect(HTML.row(["a", "b"], classes: [nil, "num"]) == "<tr><td>a</td><td class=\"num\">b</td></tr>")
  }

  @Test("an empty line chart: axes, a zero tick and the note, no series")
  func emptyLineChart() {
    let chart = LineChart(
      title: "t", unit: "", axis: DateAxis(start: Self.day("2026-10-01"), end: Self.day("2026-12-31")), digits: 0, series: [],
      emptyNote: "Nothing owed <here>")
    let svg = chart.svg(id: "c")
    #expect(svg.contains("Nothing owed &lt;here&gt;"))
    #expect(!svg.contains("class=\"series\""))
    #expect(!svg.contains("NaN") && !svg.contains("inf"))
    #expect(svg.components(separatedBy: "text-anchor=\"end\">0</text>").count == 2)
  }

  @Test("a step line: flat at zero, up on the day of the change, to the end of the period")
  func stepLine() {
    let axis = DateAxis(start: Self.day("2026-10-01"), end: Self.day("2026-10-10"))  // 10 days over 832 px
    let series = LineChart.Series(label: "PH owes JP", colour: "#000000", dashed: false, steps: [(Self.day("2026-10-06"), 100)])
    let chart = LineChart(title: "t", unit: "JPY", axis: axis, digits: 0, series: [series], emptyNote: "")
    // Zero at y 256 (the bottom), 100 at the top (y 40); 2026-10-06 starts 5/10 of the way.
    #expect(chart.svg(id: "c").contains("d=\"M104 256 H520 V40 H936\""))
  }

  @Test("an empty bar chart draws its groups and the note, no bar")
  func emptyBarChart() {
    let chart = BarChart(
      title: "t", unit: "JPY", digits: 0, series: [("JP owes PH", "#111111"), ("PH owes JP", "#222222")],
      groups: ["0-6", "6-12"].map { BarChart.Group(label: $0, bars: [.init(units: 0, label: "0", detail: "")]) },
      emptyNote: "Nothing owed")
    #expect(chart.isEmpty)
    let svg = chart.svg(id: "a")
    #expect(svg.contains("Nothing owed") && svg.contains(">0-6</text>") && !svg.contains("class=\"bar\""))
  }
}
