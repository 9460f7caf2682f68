import ACSAAudit
import ACSADomain
import ACSALedger
import Foundation

/// `acsa audit` as text.
public enum AuditText {
  /// What the report shows of the whole audit.
  public struct Shown {
    /// The filters given, as options (empty: every finding).
    public let filters: [String]
    /// Findings before filtering.
    public let total: Int
    /// Why the audit date needs a word (outside the run), if it does.
    public let note: String?

    public init(filters: [String], total: Int, note: String?) {
      self.filters = filters
      self.total = total
      self.note = note
    }
  }

  /// `event 7 (2026-10-12, deliver, line 95; entries JP 5, PH 5)`.
  public static func evidence(_ seqs: [Int], _ report: AuditReport) -> String {
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

  public static func render(ledger: String, audited: AuditedLedger, report: AuditReport, shown: Shown) -> String {
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
  public static func findingLines(_ item: AuditReport.Item, _ report: AuditReport) -> [String] {
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
  public static func stakeLines(_ item: AuditReport.Item, asOf: Day) -> [String] {
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

public struct AuditJSON: Encodable {
  public struct Rate: Encodable {
    public let date: String
    public let base: String
    public let quote: String
    public let rate: String
    public let source: String?
    public let inverse: Bool
  }
  public struct Value: Encodable {
    public let amount: String
    public let converted: String?
    public let rate: Rate?
    public init(_ v: DualValue) {
      amount = v.value.description
      converted = v.converted?.description
      rate = v.rate.map {
        Rate(
          date: $0.rate.date.description, base: $0.rate.base.code, quote: $0.rate.quote.code, rate: $0.rate.rateText,
          source: $0.rate.source, inverse: $0.inverse)
      }
    }
  }
  public struct EventJSON: Encodable {
    public struct Entry: Encodable {
      public let book: String
      public let entry: Int
    }
    public let seq: Int
    public let date: String?
    public let action: String?
    public let line: Int?
    public let event_id: String?
    public let entries: [Entry]
  }
  public struct Delay: Encodable {
    public let days: Int
    public let after: String
  }
  public struct FindingJSON: Encodable {
    public let code: String
    public let order: String
    public let books: [String]
    public let units: [String]
    public let message: String
    public let dates: [String: String]
    public let since: String?
    public let delay: Delay?
    public let evidence: [EventJSON]
    public let stake: [Value]
    public let quantities: [String]
    public let still_owed: [Value]?
    public let still_owed_quantities: [String]?
    /// `incomplete_order`: the required fields the order lacks.
    public let missing: [String]?

    public init(_ i: AuditReport.Item, _ report: AuditReport) {
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
  public struct Problem: Encodable {
    public let kind: String
    public let book: String?
    public let order: String?
    public let entry: Int?
    public let seq: Int?
    public let message: String
    public init(_ p: IntegrityProblem) {
      kind = p.kind.rawValue
      book = p.book
      order = p.order
      entry = p.entry
      seq = p.seq
      message = p.message
    }
  }
  public struct Aging: Encodable {
    public let book: String
    public let debtor: String
    public let creditor: String
    public let kind: String
    public let months: String
    public let obligations: Int
    public let value: Value
  }
  public struct Fiscal: Encodable {
    public let party: String
    public let year: String
    public let from: String
    public let to: String
    public let provided: [String]
    public let received: [String]
    public let settled_on_its_claims: [String]
    public let settled_on_its_debts: [String]
  }
  public let ledger: String
  public let scenario: String
  public let as_of: String
  public let note: String?
  public let books: [String]
  public let filters: [String]
  public let findings_in_all: Int
  public let clean: Bool
  public let counts: [String: Int]
  public let findings: [FindingJSON]
  public let integrity: [Problem]
  public let aging: [Aging]
  public let fiscal_years: [Fiscal]

  public init(ledger: String, audited: AuditedLedger, report: AuditReport, shown: AuditText.Shown) {
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
