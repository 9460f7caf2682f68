import ACSAAudit
import ACSADomain
import ACSAReports
import ArgumentParser
import Foundation

struct Audit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Audit a ledger: findings with what is at stake, aging, fiscal years.",
    discussion: """
      Reads both books (each order's record and obligations as the book kept them, and \
      every posting) and reports, as of a date, every finding: unsigned_order, no_receipt, no_claim, not_invoiced, late_payment, overdue, \
      book_mismatch, closed_with_balance, and integrity (the ledger fails its own checks: \
      hash chains, balanced entries, a replay of the recorded events; see `acsa verify`). \
      Each finding names the order, the books, the dates involved and what is at stake, \
      valued in both currencies at the audit date's rate.

      Also prints the open obligations by months since delivery (0-6, 6-12, 12-18, 18+) \
      and what each party provided, received and settled in each of its fiscal years.

      Integrity here is a set of quick checks (balanced entries, consecutive entries, chain \
      heads, the journal against the books' obligations); `--verify` adds every check of \
      `acsa verify`.

      Exit status: 0 when there is no finding, 1 when there are findings, 2 on error.
      """)

  @Argument(
    help:
      "A ledger written by `acsa run` (or one book exported by `acsa export`), or one kept in PostgreSQL (postgres://USER@HOST/DATABASE?ledger=NAME)."
  )
  var ledger: String

  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp("Audit as of the end of this date (default: the end of the run).", valueName: "YYYY-MM-DD"))
  var asOf: String?

  @Flag(help: "Also run every check of `acsa verify` (slower: recomputes every hash, replays every event).")
  var verify = false

  @Option(help: ArgumentHelp("Only the findings on this order (repeat for several).", valueName: "ORDER"))
  var order: [String] = []

  @Option(help: ArgumentHelp("Only the findings on orders this unit provides or receives (repeat for several).", valueName: "UNIT"))
  var unit: [String] = []

  @Option(
    help: ArgumentHelp("Only the findings of this code, e.g. overdue (repeat, or separate with commas, for several).", valueName: "CODE"))
  var code: [String] = []

  @Option(help: ArgumentHelp("Only the findings that this party's book shows, and its aging and fiscal years.", valueName: "PARTY"))
  var book: [String] = []

  @Option(
    name: .customLong("fiscal-year"),
    help: ArgumentHelp(
      "Only the findings that arise in a party's fiscal year, e.g. JP:FY2026 (Japan's April 2026 to March 2027): those whose first day falls in it.",
      valueName: "PARTY:FYyyyy"))
  var fiscalYear: String?

  @Flag(help: "Print JSON (documented in the README).")
  var json = false

  mutating func run() throws {
    let source = try LedgerArgument.open(ledger)
    ledger = source.name
    let day = try asOf.map { try Output.parseDay($0, option: "--as-of") }
    let audited = try AuditedLedger(path: source.path)
    let filter = try makeFilter(audited)
    var full: [IntegrityProblem]?
    if verify {
      let structure = try LedgerStructure.problems(source.path)
      full = structure.isEmpty ? try Inspection.run(audited).problems : structure
    }
    let asOfDay = day ?? audited.lastDay
    let whole = try AuditReport.make(audited, asOf: asOfDay, fullChecks: full)
    var report = whole.filtered(filter, framework: audited.framework)
    try report.attachEvidence(audited.reader, books: audited.books)
    let note = day.flatMap { audited.info.outsideRun($0, figures: "findings") }
    let shown = AuditText.Shown(filters: describe(filter), total: whole.items.count, note: note)
    if json {
      print(try Output.json(AuditJSON(ledger: ledger, audited: audited, report: report, shown: shown)))
    } else {
      print(AuditText.render(ledger: ledger, audited: audited, report: report, shown: shown))
    }
    if !report.isClean { throw Exit.somethingToReport }
  }

  /// The filter the options ask for, each value checked against the ledger.
  func makeFilter(_ audited: AuditedLedger) throws -> AuditReport.Filter {
    var filter = AuditReport.Filter()
    let framework = audited.framework
    let codes = FindingCode.allCases.map(\.rawValue)
    for c in code.flatMap({ $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }) {
      guard let value = FindingCode(rawValue: c) else {
        throw ValidationError(
          "--code: '\(c)' is not a finding code\(Suggestion.aside(c, among: codes)); the codes are \(codes.joined(separator: ", "))")
      }
      filter.codes.append(value)
    }
    let units = framework.units.keys.sorted()
    for u in unit where framework.units[u] == nil {
      throw ValidationError(
        "--unit: '\(u)' is not a unit of this ledger\(Suggestion.aside(u, among: units)); its units are \(units.joined(separator: ", "))")
    }
    filter.units = unit
    for b in book where !audited.books.contains(b) {
      throw ValidationError("--book: '\(b)' is not a book of this ledger; use one of \(audited.books.joined(separator: ", "))")
    }
    filter.books = book
    for o in order where try audited.reader.orderExists(o) == false {
      let near = try audited.reader.orderIDs(near: o)
      throw ValidationError("--order: this ledger has no order '\(o)'\(Suggestion.didYouMean(o, among: near))")
    }
    filter.orders = order
    if let fiscalYear {
      let parts = fiscalYear.split(separator: ":", maxSplits: 1).map(String.init)
      let parties = framework.partyIDs
      guard parts.count == 2, parties.contains(parts[0]), parts[1].hasPrefix("FY"), let year = Int(parts[1].dropFirst(2)),
        (1...9999).contains(year)
      else {
        throw ValidationError(
          "--fiscal-year: '\(fiscalYear)' is not PARTY:FYyyyy with PARTY one of \(parties.joined(separator: ", ")), e.g. \(parties.first ?? "JP"):FY2026"
        )
      }
      filter.fiscalYear = (parts[0], "FY\(year)")
    }
    return filter
  }

  /// The filters as the user gave them, for the report's heading.
  func describe(_ filter: AuditReport.Filter) -> [String] {
    order.map { "--order \($0)" } + unit.map { "--unit \($0)" } + filter.codes.map { "--code \($0.rawValue)" } + book.map { "--book \($0)" }
      + (fiscalYear.map { ["--fiscal-year \($0)"] } ?? [])
  }
}
