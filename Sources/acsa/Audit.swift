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

  @Argument(help: "A ledger written by `acsa run` (or one book exported by `acsa export`).")
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

  func run() throws {
    let day = try asOf.map { try Output.parseDay($0, option: "--as-of") }
    let audited = try AuditedLedger(path: ledger)
    let filter = try makeFilter(audited)
    var full: [IntegrityProblem]?
    if verify {
      let structure = try LedgerStructure.problems(ledger)
      full = structure.isEmpty ? try Inspection.run(audited).problems : structure
    }
    let asOfDay = day ?? audited.end
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

enum AuditText {
  /// What the report shows of the whole audit.
  struct Shown {
    /// The filters given, as options (empty: every finding).
    let filters: [String]
    /// Findings before filtering.
    let total: Int
    /// Why the audit date needs a word (outside the run), if it does.
    let note: String?
  }

  /// `event 7 (2026-10-12, deliver, line 95; entries JP 5, PH 5)`.
  static func evidence(_ seqs: [Int], _ report: AuditReport) -> String {
    seqs.map { seq in
      guard let e = report.evidence[seq] else { return "event \(seq)" }
      var parts = ["\(e.date)", e.action]
      if let line = e.line { parts.append("line \(line)") }
      var text = "event \(seq) (" + parts.joined(separator: ", ")
      if !e.entries.isEmpty {
        text += "; " + (e.entries.count == 1 ? "entry " : "entries ") + e.entries.map { "\($0.book) \($0.entry)" }.joined(separator: ", ")
      }
      return text + ")"
    }.joined(separator: ", ")
  }

  static func render(ledger: String, audited: AuditedLedger, report: AuditReport, shown: Shown) -> String {
    let info = audited.info
    var out: [String] = []
    out.append("Audit of \(ledger) (\(info.scenarioName)) as of \(report.asOf)")
    if let note = shown.note { out.append("Note: \(note)") }
    let books = audited.books
    out.append("Books: \(books.joined(separator: ", "))\(books.count == 1 ? " (an exported book: no reconciliation with the other)" : "")")
    let integrityItems = report.items.filter { $0.finding.code == .integrity }
    let findings = report.items.filter { $0.finding.code != .integrity }
    if report.integrity.isEmpty {
      out.append(
        report.fullyVerified
          ? "Integrity: every check of `acsa verify` passes"
          : "Integrity: quick checks pass (`acsa verify` recomputes every hash and replays every event)")
    } else {
      let n = report.integrity.count
      out.append(
        "Integrity: \(n) problem\(n == 1 ? "" : "s"). The ledger fails its own checks, so the findings below cannot be trusted: "
          + "they are read from rows that may have been altered (`acsa verify` for details).")
      for item in integrityItems {
        let f = item.finding
        out.append("  integrity  \(f.order)  [\(f.books.joined(separator: ", "))]")
        out.append("    \(f.message)")
        if !f.events.isEmpty { out.append("    Evidence: " + evidence(f.events, report)) }
      }
    }
    if !shown.filters.isEmpty {
      out.append("Filters: \(shown.filters.joined(separator: " ")) (\(report.items.count) of \(shown.total) findings shown)")
    }
    out.append("")
    let counts = FindingRules.counts(findings.map(\.finding))
    if findings.isEmpty {
      out.append("Findings: none.")
    } else {
      let summary = FindingCode.allCases.compactMap { c in counts[c].map { "\(c.rawValue) \($0)" } }.joined(separator: ", ")
      out.append("Findings: \(findings.count) (\(summary))")
      for item in findings { out.append(contentsOf: findingLines(item, report)) }
    }
    out.append("")
    out.append("Open obligations by whole months since delivery, valued on \(report.asOf):")
    if report.aging.isEmpty {
      out.append("  none")
    } else {
      var table = TextTable()
      table.add(["book", "who owes whom", "kind", "months", "obligations", "still owed (and its value in the other currency)"])
      for r in report.aging {
        let kind = r.kind.rawValue.split(separator: "_").joined(separator: " ")
        table.add(["\(r.book) book", "\(r.debtor) owes \(r.creditor)", kind, r.bucket, "\(r.obligations)", r.value.text])
      }
      out.append(table.render())
    }
    out.append("")
    out.append("Fiscal years (each party's own book; values at the provider's prices):")
    var fy = TextTable()
    fy.add(["party", "year", "period", "provided", "received", "settled on its claims", "settled on its debts"])
    func list(_ m: [Money]) -> String { m.isEmpty ? "-" : m.map(\.formatted).joined(separator: " + ") }
    for r in report.fiscal {
      fy.add([r.party, r.year, "\(r.from)..\(r.to)", list(r.provided), list(r.received), list(r.settledToParty), list(r.settledByParty)])
    }
    out.append(fy.render())
    return out.joined(separator: "\n")
  }

  /// A finding: its code, order, books and dates; the sentence; the evidence; the stake.
  static func findingLines(_ item: AuditReport.Item, _ report: AuditReport) -> [String] {
    let f = item.finding
    let dates = ["delivered", "claimed", "billed", "due", "paid", "deadline", "closed"].compactMap { k in f.dates[k].map { "\(k) \($0)" } }
    var out = [
      "  \(f.code.rawValue)  \(f.order)  [\(f.books.joined(separator: ", "))]\(dates.isEmpty ? "" : "  " + dates.joined(separator: ", "))",
      "    \(f.message)",
    ]
    if !f.events.isEmpty { out.append("    Evidence: " + evidence(f.events, report)) }
    out.append(contentsOf: stakeLines(item, asOf: report.asOf))
    return out
  }

  /// `At stake: ...` and whether it is still owed at the audit date.
  static func stakeLines(_ item: AuditReport.Item, asOf: Day) -> [String] {
    let stake = item.stake.map(\.text) + item.quantities
    switch item.finding.code {
    case .overdue:
      return stake.isEmpty ? [] : ["    At stake, still owed past the deadline: " + stake.joined(separator: "; ")]
    case .bookMismatch:
      return stake.isEmpty
        ? ["    At stake: no amount; the books agree on what is owed on \(asOf) but not on the events recorded."]
        : ["    At stake, what one book says is owed and the other does not: " + stake.joined(separator: "; ")]
    default:
      guard !stake.isEmpty else { return [] }
      var lines = ["    At stake: " + stake.joined(separator: "; ")]
      if let still = item.stillOwed {
        let owed = still.map(\.text) + item.stillOwedQuantities
        lines.append(
          owed.isEmpty
            ? "    Settled since: nothing of it is owed on \(asOf)." : "    Still owed on \(asOf): " + owed.joined(separator: "; "))
      }
      return lines
    }
  }
}

struct AuditJSON: Encodable {
  struct Rate: Encodable {
    let date: String
    let base: String
    let quote: String
    let rate: String
    let source: String?
    let inverse: Bool
  }
  struct Value: Encodable {
    let amount: String
    let converted: String?
    let rate: Rate?
    init(_ v: DualValue) {
      amount = v.value.description
      converted = v.converted?.description
      rate = v.rate.map {
        Rate(
          date: $0.rate.date.description, base: $0.rate.base.code, quote: $0.rate.quote.code, rate: $0.rate.rateText,
          source: $0.rate.source, inverse: $0.inverse)
      }
    }
  }
  struct EventJSON: Encodable {
    struct Entry: Encodable {
      let book: String
      let entry: Int
    }
    let seq: Int
    let date: String?
    let action: String?
    let line: Int?
    let event_id: String?
    let entries: [Entry]
  }
  struct Delay: Encodable {
    let days: Int
    let after: String
  }
  struct FindingJSON: Encodable {
    let code: String
    let order: String
    let books: [String]
    let units: [String]
    let message: String
    let dates: [String: String]
    let since: String?
    let delay: Delay?
    let evidence: [EventJSON]
    let stake: [Value]
    let quantities: [String]
    let still_owed: [Value]?
    let still_owed_quantities: [String]?
    /// `incomplete_order`: the required fields the order lacks.
    let missing: [String]?

    init(_ i: AuditReport.Item, _ report: AuditReport) {
      let f = i.finding
      missing = f.missing.isEmpty ? nil : f.missing
      code = f.code.rawValue
      order = f.order
      books = f.books
      units = i.units
      message = f.message
      dates = f.dates.mapValues(\.description)
      since = f.since?.description
      delay = f.delay(asOf: report.asOf).map { Delay(days: $0.days, after: $0.after) }
      evidence = f.events.map { seq in
        let e = report.evidence[seq]
        return EventJSON(
          seq: seq, date: e?.date.description, action: e?.action, line: e?.line, event_id: e?.eventID,
          entries: (e?.entries ?? []).map { EventJSON.Entry(book: $0.book, entry: $0.entry) })
      }
      stake = i.stake.map(Value.init)
      quantities = i.quantities
      still_owed = i.stillOwed?.map(Value.init)
      still_owed_quantities = i.stillOwed == nil ? nil : i.stillOwedQuantities
    }
  }
  struct Problem: Encodable {
    let kind: String
    let book: String?
    let order: String?
    let entry: Int?
    let seq: Int?
    let message: String
    init(_ p: IntegrityProblem) {
      kind = p.kind.rawValue
      book = p.book
      order = p.order
      entry = p.entry
      seq = p.seq
      message = p.message
    }
  }
  struct Aging: Encodable {
    let book: String
    let debtor: String
    let creditor: String
    let kind: String
    let months: String
    let obligations: Int
    let value: Value
  }
  struct Fiscal: Encodable {
    let party: String
    let year: String
    let from: String
    let to: String
    let provided: [String]
    let received: [String]
    let settled_on_its_claims: [String]
    let settled_on_its_debts: [String]
  }
  let ledger: String
  let scenario: String
  let as_of: String
  let note: String?
  let books: [String]
  let filters: [String]
  let findings_in_all: Int
  let clean: Bool
  let counts: [String: Int]
  let findings: [FindingJSON]
  let integrity: [Problem]
  let aging: [Aging]
  let fiscal_years: [Fiscal]

  init(ledger: String, audited: AuditedLedger, report: AuditReport, shown: AuditText.Shown) {
    self.ledger = ledger
    scenario = audited.info.scenarioName
    as_of = report.asOf.description
    note = shown.note
    books = audited.books
    filters = shown.filters
    findings_in_all = shown.total
    clean = report.isClean
    counts = Dictionary(uniqueKeysWithValues: FindingRules.counts(report.findings).map { ($0.key.rawValue, $0.value) })
    findings = report.items.map { FindingJSON($0, report) }
    integrity = report.integrity.map(Problem.init)
    aging = report.aging.map {
      Aging(
        book: $0.book, debtor: $0.debtor, creditor: $0.creditor, kind: $0.kind.rawValue, months: $0.bucket, obligations: $0.obligations,
        value: Value($0.value))
    }
    fiscal_years = report.fiscal.map {
      Fiscal(
        party: $0.party, year: $0.year, from: $0.from.description, to: $0.to.description, provided: $0.provided.map(\.description),
        received: $0.received.map(\.description), settled_on_its_claims: $0.settledToParty.map(\.description),
        settled_on_its_debts: $0.settledByParty.map(\.description))
    }
  }
}
