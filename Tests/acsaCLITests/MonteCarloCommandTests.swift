import ACSAHTML
import Foundation
import Testing

/// `acsa run --runs N` for a planner: what is owed valued in one currency with its
/// spread, how likely each finding is, the threshold, the breakdown by generator, every
/// run as CSV and a page of histograms; the JSON, the CSV and the text agree.
@Suite("Monte Carlo from the command line")
struct MonteCarloCommandTests {
  static let programme = CLI.scenario("programme-2027.yaml")
  static let generators = [
    "kamandag-rations", "kamandag-billets", "kamandag-diesel", "balikatan-ammo", "mca-refuel", "subic-port", "typhoon-airlift",
    "(scripted orders)",
  ]

  static func rows(_ csv: String) -> [[String]] {
    csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
  }

  @Test("--json and --csv: the shares of runs and the percentiles are those of the runs the CSV lists")
  func jsonAgreesWithCSV() throws {
    let tmp = try CLI.tempDir()
    let out = try CLI.run(
      ["run", Self.programme, "--runs", "40", "--seed", "7", "--threshold", "JPY 20000000", "--csv", "runs.csv", "--json"], in: tmp)
    #expect(out.status == 0, "\(out.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    #expect(json["runs"] as? Int == 40 && json["currency"] as? String == "JPY" && json["valued_on"] as? String == "2027-12-31")
    let rows = Self.rows(try String(contentsOf: tmp.appendingPathComponent("runs.csv"), encoding: .utf8))
    #expect(rows.count == 41)
    let header = rows[0]
    let data = Array(rows.dropFirst())
    #expect(data.map { $0[0] } == (7..<47).map(String.init))
    func column(_ name: String) throws -> [String] {
      let i = try #require(header.firstIndex(of: name), "no column \(name) in \(header)")
      return data.map { $0[i] }
    }
    // Each finding: the share of runs with at least one, from the CSV's column.
    for f in try #require(json["findings"] as? [[String: Any]]) {
      let code = try #require(f["code"] as? String)
      let share = try #require(f["runs_with_one"] as? [String: Any])
      let counts = try column("findings_" + code).compactMap(Int.init)
      #expect(counts.count == 40)
      #expect(share["runs_with"] as? Int == counts.filter { $0 > 0 }.count, "\(code)")
      #expect(share["runs"] as? Int == 40)
    }
    // Each direction: nearest-rank percentiles and the threshold, from the CSV's values.
    for d in try #require(json["directions"] as? [[String: Any]]) {
      let name = "value_\(d["debtor"] ?? "")_owes_\(d["creditor"] ?? "")_JPY"
      let values = try column(name).compactMap(Int64.init).sorted()
      #expect(values.count == 40)
      let spread = try #require(d["value"] as? [String: Any])
      #expect(spread["min"] as? Int64 == values[0])
      #expect(spread["p5"] as? Int64 == values[1])  // rank ceil(0.05 x 40) = 2
      #expect(spread["p50"] as? Int64 == values[19])  // rank 20
      #expect(spread["p95"] as? Int64 == values[37])  // rank 38
      #expect(spread["max"] as? Int64 == values[39])
      let above = try #require(d["above_threshold"] as? [String: Any])
      #expect(above["runs_with"] as? Int == values.filter { $0 > 20_000_000 }.count)
    }
    let groups = try #require(json["generators"] as? [[String: Any]])
    #expect(groups.map { $0["generator"] as? String } == Self.generators)
    #expect(json["note"] == nil)
  }

  @Test("text: values in one currency with min, p5, p50, p95, max and mean; units of items; credits explained; by generator")
  func text() throws {
    let out = try CLI.run(["run", Self.programme, "--runs", "30", "--threshold", "JPY 5000000"])
    #expect(out.status == 0)
    let text = out.stdout
    #expect(text.contains("Values in JPY at the rates in effect on 2027-12-31 (1 JPY = 0.3862 PHP on 2027-07-01"))
    #expect(text.contains("What is owed at the end (2027-12-31), per direction, in the creditor's book, valued in JPY:"))
    #expect(text.contains("min          p5         p50         p95         max        mean") || text.contains("min") && text.contains("p5"))
    #expect(text.contains("  Above JPY 5,000,000: JP owes PH "))
    #expect(text.contains("  PH owes JP  in kind      F-76       L   "))
    #expect(text.contains("A negative figure is a credit"))
    #expect(text.contains("Findings at the end: the share of runs with at least one, and orders per run:"))
    #expect(text.contains("By generator (means per run"))
    for name in Self.generators { #expect(text.contains("  \(name) "), "\(name)") }
  }

  @Test("a scenario without generators: every run is the same, so one is run, and the output says so")
  func noGenerators() throws {
    let out = try CLI.run(["run", CLI.scenario("kamandag-2026.yaml"), "--runs", "50", "--json"])
    #expect(out.status == 0)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    #expect(json["runs"] as? Int == 1 && json["runs_asked"] as? Int == 50)
    #expect(
      json["note"] as? String
        == "This scenario has no generators: every run is the same whatever the seed, so one was run instead of 50.")
    let text = try CLI.run(["run", CLI.scenario("kamandag-2026.yaml"), "--runs", "50"]).stdout
    #expect(text.contains("This scenario has no generators: every run is the same whatever the seed"))
  }

  @Test(
    "usage errors: a currency or threshold the scenario cannot value, Monte Carlo options without --runs",
    arguments: [
      (["--runs", "5", "--value-in", "EUR"], "--value-in: 'EUR' is not a currency of this scenario; use one of JPY, PHP"),
      (["--runs", "5", "--threshold", "JPY 1,000"], "--threshold: 'JPY 1,000' is not an amount"),
      (["--runs", "5", "--threshold", "USD 1000"], "--threshold: USD is not a currency of this scenario"),
      (["--csv", "x.csv"], "--csv is for a Monte Carlo run; add --runs N"),
      (["--html", "x.html"], "--html is for a Monte Carlo run; add --runs N"),
    ])
  func usage(_ options: [String], _ message: String) throws {
    let tmp = try CLI.tempDir()
    let out = try CLI.run(["run", Self.programme] + options, in: tmp)
    #expect(out.status == 64)
    #expect(out.stderr.hasPrefix("acsa: error: " + message), "\(out.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty)
  }

  @Test("--csv and --html replace only what acsa wrote: a notes file there is kept, exit 3")
  func outputsAreSafe() throws {
    let tmp = try CLI.tempDir()
    try "my notes\n".write(to: tmp.appendingPathComponent("notes.csv"), atomically: true, encoding: .utf8)
    let csv = try CLI.run(["run", Self.programme, "--runs", "3", "--csv", "notes.csv"], in: tmp)
    #expect(csv.status == 3)
    #expect(try String(contentsOf: tmp.appendingPathComponent("notes.csv"), encoding: .utf8) == "my notes\n")
    // Written twice: the second run replaces the first's file.
    for _ in 0..<2 {
      #expect(try CLI.run(["run", Self.programme, "--runs", "3", "--csv", "runs.csv", "--html", "mc.html"], in: tmp).status == 0)
    }
  }

  /// Writes the Monte Carlo page of 60 runs of the programme.
  static func page() throws -> URL {
    let tmp = try CLI.tempDir()
    let out = try CLI.run(["run", Self.programme, "--runs", "60", "--html", "mc.html", "--quiet"], in: tmp)
    if out.status != 0 { throw CLIError("run --html failed: \(out.stderr)") }
    return tmp.appendingPathComponent("mc.html")
  }

  @Test("--html: one self-contained page, two histograms and the findings chart, nothing fetched")
  func page() throws {
    let html = try String(contentsOf: try Self.page(), encoding: .utf8)
    #expect(html.contains("<meta name=\"generator\" content=\"acsa "))
    #expect(html.components(separatedBy: "<figure class=\"histogram\">").count - 1 == 2)
    #expect(html.contains("<figure class=\"findings\">"))
    #expect(!html.contains("<script") && !html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("@import"))
    #expect(!html.contains("`"))
    for name in Self.generators.dropLast() { #expect(html.contains("<span class=\"code\">\(name)</span>")) }
  }
}

/// The Monte Carlo page as a browser draws it (see `ReportBrowserTests`).
@Suite(
  "acsa run --runs N --html in a browser",
  .enabled(if: Browser.runnable, "chromium not found: install Debian's chromium (apt-get install chromium) to run the browser tests")
)
struct MonteCarloBrowserTests {
  @Test("both histograms draw their bars in their direction's colour, and the findings chart its bars")
  func histograms() throws {
    let url = try MonteCarloCommandTests.page()
    guard Browser.path != nil else {
      Issue.record("CI=true but chromium is not installed: .ci/run installs it")
      return
    }
    let png = url.deletingPathExtension().appendingPathExtension("png")
    try Browser.screenshot(url, to: png, width: 1100, height: 3200)
    let regions = try ScreenshotRegions.read(
      png, plots: ["bars": ChartPalette.agingPlot], inks: ["first": ChartPalette.directions[0], "second": ChartPalette.directions[1]])
    let bands = regions.plots["bars"] ?? []
    #expect(bands.count == 3, "two histograms and the findings chart: \(bands)")
    guard bands.count == 3 else { return }
    // JP owes PH in the first colour, PH owes JP in the second; findings in the second.
    #expect(bands[0].ink("first") > 500 && bands[0].ink("second") == 0, "\(bands[0])")
    #expect(bands[1].ink("second") > 500 && bands[1].ink("first") == 0, "\(bands[1])")
    #expect(bands[2].ink("second") > 500, "\(bands[2])")
    for band in bands { #expect(band.axis_left > band.height * 9 / 10, "the y axis is drawn: \(band)") }
  }
}
