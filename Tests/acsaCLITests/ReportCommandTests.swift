import ACSAHTML
import Foundation
import Testing

/// A scenario in which nothing is ever owed (one order, never delivered, and one refused),
/// whose names hold every character HTML treats specially.
let quietScenario = """
  scenario:
    name: "Quiet <script>alert(1)</script> & co"
    description: "A \\"quiet\\" exercise: one order, never delivered; R&D <b>only</b>."
    start: 2026-10-01
    end: 2026-12-31
  agreement:
    id: "JP-PH <ACSA> & more"
    in_force: 2026-09-01
    activities: [training]
    categories: [food, billeting]
  parties:
    JP: { name: "Japan <Self-Defense> Forces & Co", currency: JPY, fiscal_year_start: 04-01 }
    PH: { name: "Armed Forces of the 'Philippines'", currency: PHP }
  units:
    - { id: ARDB, party: JP, name: "ARDB <brigade> & friends" }
    - { id: MBLT-4, party: PH }
  activities:
    - { id: EX-1, type: training, start: 2026-10-05, end: 2026-10-20, name: "Exercise <one>" }
  catalog:
    - id: BILLET
      name: "Billeting <barracks> & mess"
      category: billeting
      kind: service
      unit: person-night
      prices: [ { party: PH, from: 2026-01-01, price: "PHP 1500.00" } ]
  rates:
    - { date: 2026-09-01, base: JPY, quote: PHP, rate: "0.3871", source: "BSP <ref> & co" }
  events:
    - date: 2026-10-05
      order: { id: PH-0001, activity: EX-1, provider: MBLT-4, receiver: ARDB, settlement: cash, lines: [ { item: BILLET, qty: 10 } ] }
    - date: 2026-10-06
      id: "same<&>party"
      order: { id: PH-0002, activity: EX-1, provider: MBLT-4, receiver: MBLT-4, settlement: cash, lines: [ { item: BILLET, qty: 10 } ] }

  """

@Suite("acsa report --html")
struct ReportCommandTests {
  /// Runs `scenario` (a file in scenarios/) into a ledger, then writes its report.
  static func report(_ scenario: String, _ extra: [String] = []) throws -> (dir: URL, html: URL, stdout: String) {
    let tmp = try CLI.tempDir()
    let run = try CLI.run(["run", CLI.scenario(scenario), "--db", "l.sqlite"], in: tmp)
    if run.status != 0 { throw CLIError("run failed: \(run.stderr)") }
    let out = try CLI.run(["report", "l.sqlite", "--html", "report.html"] + extra, in: tmp)
    if out.status != 0 { throw CLIError("report failed (\(out.status)): \(out.stderr)") }
    return (tmp, tmp.appendingPathComponent("report.html"), out.stdout)
  }

  static func quietReport() throws -> (dir: URL, html: URL) {
    let tmp = try CLI.tempDir()
    try quietScenario.write(to: tmp.appendingPathComponent("quiet.yaml"), atomically: true, encoding: .utf8)
    let run = try CLI.run(["run", "quiet.yaml", "--db", "q.sqlite"], in: tmp)
    if run.status != 0 { throw CLIError("run failed: \(run.stdout)\(run.stderr)") }
    let out = try CLI.run(["report", "q.sqlite", "--html", "quiet.html"], in: tmp)
    if out.status != 0 { throw CLIError("report failed (\(out.status)): \(out.stderr)") }
    return (tmp, tmp.appendingPathComponent("quiet.html"))
  }

  /// What a self-contained page must never hold: anything fetched from elsewhere or run.
  static func externalReferences(_ html: String) -> [String] {
    ["http://", "https://", "src=", "href=", "url(", "@import", "<script", "<link", "<iframe", "<object"].filter {
      html.localizedCaseInsensitiveContains($0)
    }
  }

  @Test("KAMANDAG: every section, the digest, tax-exempt, and nothing fetched from anywhere")
  func kamandagPage() throws {
    let (tmp, url, stdout) = try Self.report("kamandag-2026.yaml")
    #expect(stdout == "Wrote the report of l.sqlite (KAMANDAG 2026 bilateral training) as of 2027-12-31 to report.html\n")
    let html = try String(contentsOf: url, encoding: .utf8)
    let digest = try CLI.sqlite(tmp.appendingPathComponent("l.sqlite").path, "SELECT value FROM meta WHERE key = 'ledger_digest'")
    #expect(digest.count == 64 && html.contains(digest))
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.hasSuffix("</html>\n"))
    for id in ["agreement", "balances", "aging", "findings", "orders", "refusals", "catalog"] {
      #expect(html.contains("<section id=\"\(id)\">"), "section \(id)")
    }
    for text in [
      "KAMANDAG 2026 bilateral training", "Japan Self-Defense Forces", "Armed Forces of the Philippines", "2026-10-01 to 2027-12-31",
      "<dt>Tax-exempt</dt><dd>yes", "tax-exempt", "JGSDF Amphibious Rapid Deployment Brigade",
      "Cash and equal value in PHP", "Cash and equal value in JPY", "In kind: DIESEL (L)", "In kind: 556-BALL (round)",
      "<span class=\"code\">late_payment</span>", "No event was refused.",
    ] {
      #expect(html.contains(text), "\(text)")
    }
    // Four orders, settled in both books at the end of the run.
    #expect(html.components(separatedBy: "<span class=\"status status-settled\">settled</span>").count - 1 == 8)
    // At the end nothing is owed: the aging chart says so rather than drawing bars.
    #expect(html.contains("Nothing owed at the end of 2027-12-31"))
    #expect(!html.contains("class=\"bar\""))
    #expect(Self.externalReferences(html) == [])
  }

  @Test("--as-of: balances up to that day, open obligations drawn as bars")
  func asOf() throws {
    let (_, url, stdout) = try Self.report("kamandag-2026.yaml", ["--as-of", "2026-11-15"])
    #expect(stdout.contains("as of 2026-11-15"))
    let html = try String(contentsOf: url, encoding: .utf8)
    #expect(html.contains("from 2026-10-01 to 2026-11-15"))
    // JP owes PH PHP 882,000.00 for billeting and rations; PH owes JP diesel and rounds.
    #expect(html.contains("PHP 882,000.00"))
    #expect(html.components(separatedBy: "class=\"bar\"").count - 1 == 2)
    #expect(!html.contains("Nothing owed at the end"))
  }

  @Test("refusals with the rule behind each code; names with < & \" ' escaped")
  func escaping() throws {
    let (_, url) = try Self.quietReport()
    let html = try String(contentsOf: url, encoding: .utf8)
    #expect(html.contains("<h1>Quiet &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h1>"))
    #expect(html.contains("Japan &lt;Self-Defense&gt; Forces &amp; Co"))
    #expect(html.contains("Armed Forces of the &#39;Philippines&#39;"))
    #expect(html.contains("A &quot;quiet&quot; exercise: one order, never delivered; R&amp;D &lt;b&gt;only&lt;/b&gt;."))
    #expect(html.contains("JP-PH &lt;ACSA&gt; &amp; more"))
    #expect(html.contains("same&lt;&amp;&gt;party"))
    #expect(html.contains("BSP &lt;ref&gt; &amp; co"))
    #expect(!html.contains("<script") && !html.contains("<b>") && !html.contains("<ACSA>") && !html.contains("<Self"))
    // The refused order, with its code and the one-sentence rule.
    #expect(html.contains("<span class=\"code\">same_party</span>"))
    #expect(html.contains("An order is between the two parties: the receiver must be a unit of the other party."))
    // Nothing was owed: one balance chart with its note, no series.
    #expect(html.contains("Nothing owed in either direction from 2026-10-01 to 2026-12-31"))
    #expect(!html.contains("class=\"series\""))
    #expect(Self.externalReferences(html) == [])
  }

  @Test("a large ledger: the order table stops at 1,000 rows and says where the rest is")
  func rowLimit() throws {
    let tmp = try CLI.tempDir()
    let scenario = """
      scenario: { name: many, start: 2026-10-01, end: 2026-12-31, seed: 1 }
      agreement: { id: MANY, in_force: 2026-09-01, activities: [training], categories: [food] }
      parties:
        JP: { name: Japan Self-Defense Forces, currency: JPY, fiscal_year_start: 04-01 }
        PH: { name: Armed Forces of the Philippines, currency: PHP }
      units: [ { id: ARDB, party: JP }, { id: MBLT-4, party: PH } ]
      activities: [ { id: EX, type: training } ]
      catalog:
        - { id: RATION, category: food, kind: supply, unit: meal, prices: [ { party: PH, from: 2026-01-01, price: "PHP 350.00" } ] }
      events: []
      generators:
        - { name: o, from: 2026-10-01, to: 2026-10-21, count: 50,
            order: { activity: EX, provider: MBLT-4, receiver: ARDB, settlement: cash, lines: [ { item: RATION, qty: 10 } ] } }

      """
    try scenario.write(to: tmp.appendingPathComponent("many.yaml"), atomically: true, encoding: .utf8)
    #expect(try CLI.run(["run", "many.yaml"], in: tmp).status == 0)
    let out = try CLI.run(["report", "many.sqlite", "--html", "many.html"], in: tmp)
    #expect(out.status == 0, "\(out.stderr)")
    let html = try String(contentsOf: tmp.appendingPathComponent("many.html"), encoding: .utf8)
    #expect(html.contains("In JP's book: delivered 1,050."))
    #expect(html.contains("The first 1,000 of 1,050 orders are shown"))
    #expect(html.contains("<code>sqlite3 many.sqlite &#39;SELECT * FROM order_status&#39;</code>"))
    #expect(html.components(separatedBy: "<span class=\"status status-delivered\">").count - 1 == 2000)
  }

  @Test("a missing or invalid ledger: a message naming it, exit 2, and the old page kept")
  func badLedger() throws {
    let tmp = try CLI.tempDir()
    try "previous page".write(to: tmp.appendingPathComponent("r.html"), atomically: true, encoding: .utf8)
    let missing = try CLI.run(["report", "nope.sqlite", "--html", "r.html"], in: tmp)
    #expect(missing.status == 2)
    #expect(missing.stderr == "acsa: error: cannot read nope.sqlite: no such file or folder\n")
    try "not a database".write(to: tmp.appendingPathComponent("junk.sqlite"), atomically: true, encoding: .utf8)
    let junk = try CLI.run(["report", "junk.sqlite", "--html", "r.html"], in: tmp)
    #expect(junk.status == 2)
    #expect(junk.stderr == "acsa: error: junk.sqlite is a text file, not an acsa ledger\n")
    #expect(try String(contentsOf: tmp.appendingPathComponent("r.html"), encoding: .utf8) == "previous page")
    let left = try FileManager.default.contentsOfDirectory(atPath: tmp.path).sorted()
    #expect(left == ["junk.sqlite", "r.html"], "no temporary file left behind")
  }

  @Test("a page that cannot be written: exit 3, naming the path and the cause")
  func unwritable() throws {
    let (tmp, _) = try CLI.kamandagLedger()
    let out = try CLI.run(["report", "k.sqlite", "--html", "no-such-folder/r.html"], in: tmp)
    #expect(out.status == 3)
    #expect(out.stderr == "acsa: error: cannot write no-such-folder/r.html: the folder no-such-folder does not exist\n")
  }

  @Test("--help teaches: what the page holds, examples, --html and --as-of")
  func help() throws {
    let out = try CLI.run(["report", "--help"])
    #expect(out.status == 0)
    // Help is wrapped to the terminal's width: compare words, not lines.
    let words = out.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    for text in [
      "USAGE: acsa report <ledger> --html <PATH>", "--as-of <YYYY-MM-DD>", "acsa report auditor-training.sqlite --html",
      "months since delivery", "no script",
    ] {
      #expect(words.contains(text), "\(text)")
    }
    let top = try CLI.run(["--help"])
    #expect(top.stdout.contains("report"))
  }
}
