import ACSAAudit
import ACSAHTML
import ArgumentParser

struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a ledger's report as one self-contained HTML page.",
    discussion: """
      For instructors and auditors: the agreement and the parties (names, currencies, \
      units, covered activities and categories, period, ledger_digest), balances over \
      time in both directions as charts (one per currency and one per item owed in kind, \
      each direction from its creditor's book), open obligations by months since \
      delivery (0-6, 6-12, 12-18, 18+) as a bar chart, the orders with their status in \
      each book, the refused events with the rule behind each code, and the audit's \
      findings with what is at stake.

      The page has no script and fetches nothing (inline CSS and SVG), so it can be \
      mailed, archived or printed as it is; it prints on A4. The file is written \
      atomically: PATH holds either its previous content or the whole new page.

      Examples:
        acsa run scenarios/auditor-training.yaml
        acsa report auditor-training.sqlite --html audit.html
        acsa report kamandag-2026.sqlite --html k.html --as-of 2026-11-15

      Exit status: 0 when the page was written, 2 when the ledger cannot be read, 3 when \
      the page cannot be written (see the README's exit codes).
      """)

  @Argument(help: "A ledger written by `acsa run` (or one book exported by `acsa export`).")
  var ledger: String

  @Option(help: ArgumentHelp("Where to write the page (replaced atomically).", valueName: "PATH"))
  var html: String

  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp(
      "Balances, aging and findings as of the end of this date (default: the end of the run); orders and refusals up to "
        + "it, each order with its status at the end of the run.", valueName: "YYYY-MM-DD"))
  var asOf: String?

  mutating func run() throws {
    let source = try LedgerArgument.open(ledger)
    ledger = source.name
    let day = try asOf.map { try Output.parseDay($0, option: "--as-of") }
    let audited = try AuditedLedger(path: source.path)
    let audit = try AuditReport.make(audited, asOf: day ?? audited.lastDay)
    let report = try HTMLReport(ledger: audited, label: ledger, audit: audit, version: ACSAVersion.current)
    try report.write(to: html)
    print("Wrote the report of \(ledger) (\(audited.info.scenarioName)) as of \(report.asOf) to \(html)")
  }
}
