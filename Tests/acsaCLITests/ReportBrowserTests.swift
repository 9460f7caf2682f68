import ACSAHTML
import Foundation
import Testing

/// The report as a browser draws it: headless Chromium renders the page to a PNG, and
/// `Scripts/png_regions.py` finds the plot areas by their background colours
/// (`ChartPalette`) and counts, in each, the pixels of each direction's colour. Skipped
/// only where no chromium is installed; under CI (which installs it) a missing browser
/// is a failure.
@Suite(
  "acsa report --html in a browser",
  .enabled(if: Browser.runnable, "chromium not found: install Debian's chromium (apt-get install chromium) to run the browser tests")
)
struct ReportBrowserTests {
  static let width = 1100
  static let plots = ["balance": ChartPalette.balancePlot, "aging": ChartPalette.agingPlot]
  static let inks = ["first": ChartPalette.directions[0], "second": ChartPalette.directions[1]]

  /// Screenshots `page` (next to it, as `NAME.png`) and reads its charts back.
  static func shoot(_ page: URL, height: Int) throws -> ScreenshotRegions? {
    guard Browser.path != nil else {
      Issue.record("CI=true but chromium is not installed: .ci/run installs it")
      return nil
    }
    let png = page.deletingPathExtension().appendingPathExtension("png")
    try Browser.screenshot(page, to: png, width: width, height: height)
    let regions = try ScreenshotRegions.read(png, plots: plots, inks: inks)
    #expect(regions.width == width && regions.height == height, "screenshot \(png.path)")
    return regions
  }

  @Test("auditor training: every balance chart draws its series, the aging chart its bars")
  func chartsAreDrawn() throws {
    let (_, url, _) = try ReportCommandTests.report("auditor-training.yaml")
    let html = try String(contentsOf: url, encoding: .utf8)
    let charts = html.components(separatedBy: "<figure class=\"balance\">").count - 1
    #expect(charts == 7)  // JPY, PHP, and five items owed in kind
    guard let regions = try Self.shoot(url, height: 7000) else { return }
    let balance = regions.plots["balance"] ?? []
    let aging = regions.plots["aging"] ?? []
    #expect(balance.count == charts, "one plot area per balance chart in the screenshot")
    #expect(aging.count == 1, "the aging chart is in the screenshot")
    for (i, band) in balance.enumerated() {
      // A plot area the width of the page's charts, with a line in it and a y axis beside it.
      #expect(band.width > 800 && band.height > 150, "balance chart \(i): \(band)")
      #expect(band.ink("first") + band.ink("second") > 500, "balance chart \(i) has a series line: \(band)")
      #expect(band.axis_left > band.height * 9 / 10, "balance chart \(i) has its y axis: \(band)")
    }
    // JPY (the first chart): what PH owes JP; PHP (the second): what JP owes PH.
    if balance.count == charts {
      #expect(balance[0].ink("second") > 500 && balance[0].ink("first") == 0, "\(balance[0])")
      #expect(balance[1].ink("first") > 500 && balance[1].ink("second") == 0, "\(balance[1])")
    }
    // Open at the end: JP owes PH PHP 1,745,000.00 (JPY 4,518,384), PH owes JP JPY 450,000,
    // both 12-18 months old.
    if let bars = aging.first {
      #expect(bars.ink("first") > 5000, "JP's debts to PH drawn as a tall bar: \(bars)")
      #expect(bars.ink("second") > 300, "PH's debts to JP drawn as a bar: \(bars)")
      #expect(bars.ink("first") > bars.ink("second") * 5)
    }
  }

  @Test("nothing owed: the axes and a note, no series line, no bar")
  func emptyCharts() throws {
    let (_, url) = try ReportCommandTests.quietReport()
    guard let regions = try Self.shoot(url, height: 3000) else { return }
    let balance = regions.plots["balance"] ?? []
    let aging = regions.plots["aging"] ?? []
    #expect(balance.count == 1 && aging.count == 1, "\(regions.plots)")
    for band in balance + aging {
      #expect(band.ink("first") == 0 && band.ink("second") == 0, "no series colour in an empty chart: \(band)")
      #expect(band.axis_left > band.height * 9 / 10, "the y axis is drawn: \(band)")
      #expect(band.axis_bottom > band.width * 9 / 10, "the x axis is drawn: \(band)")
      #expect(band.other > 300, "the note is written in the plot area: \(band)")
    }
  }
}
