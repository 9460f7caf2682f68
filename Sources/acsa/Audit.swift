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

  @Flag(help: "Print JSON (documented in the README).")
  var json = false

  func run() throws {
    let day = try asOf.map { try Output.parseDay($0, option: "--as-of") }
    let audited = try AuditedLedger(path: ledger)
    var full: [IntegrityProblem]?
    if verify {
      let structure = try LedgerStructure.problems(ledger)
      full = structure.isEmpty ? try Inspection.run(audited).problems : structure
    }
    let report = try AuditReport.make(audited, asOf: day ?? audited.end, fullChecks: full)
    if json {
      print(try Output.json(AuditJSON(ledger: ledger, audited: audited, report: report)))
    } else {
      print(AuditText.render(ledger: ledger, audited: audited, report: report))
    }
    if !report.isClean { throw Exit.somethingToReport }
  }
}

enum AuditText {
  static func render(ledger: String, audited: AuditedLedger, report: AuditReport) -> String {
    let info = audited.info
    var out: [String] = []
    out.append("Audit of \(ledger) (\(info.scenarioName)) as of \(report.asOf)")
    let books = audited.books
    out.append("Books: \(books.joined(separator: ", "))\(books.count == 1 ? " (an exported book: no reconciliation with the other)" : "")")
    if report.integrity.isEmpty {
      out.append(
        report.fullyVerified
          ? "Integrity: every check of `acsa verify` passes"
          : "Integrity: quick checks pass (`acsa verify` recomputes every hash and replays every event)")
    } else {
      out.append("Integrity: \(report.integrity.count) problem\(report.integrity.count == 1 ? "" : "s") (`acsa verify` for details)")
    }
    out.append("")
    let counts = FindingRules.counts(report.findings)
    if report.items.isEmpty {
      out.append("Findings: none.")
    } else {
      let summary = FindingCode.allCases.compactMap { c in counts[c].map { "\(c.rawValue) \($0)" } }.joined(separator: ", ")
      out.append("Findings: \(report.items.count) (\(summary))")
      for item in report.items {
        let f = item.finding
        let dates = ["delivered", "claimed", "due", "paid", "deadline", "closed"].compactMap { k in f.dates[k].map { "\(k) \($0)" } }
        out.append(
          "  \(f.code.rawValue)  \(f.order)  [\(f.books.joined(separator: ", "))]\(dates.isEmpty ? "" : "  " + dates.joined(separator: ", "))"
        )
        out.append("    \(f.message)")
        let stake = item.stake.map(\.text) + item.quantities
        if !stake.isEmpty { out.append("    At stake: " + stake.joined(separator: "; ")) }
      }
    }
    out.append("")
    out.append("Open obligations by months since delivery, valued on \(report.asOf):")
    if report.aging.isEmpty {
      out.append("  none")
    } else {
      var table = TextTable()
      for r in report.aging {
        let kind = r.kind.rawValue.split(separator: "_").joined(separator: " ")
        table.add(["\(r.book) book", "\(r.debtor) owes \(r.creditor)", kind, r.bucket + " months", "\(r.obligations)", r.value.text])
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
  struct FindingJSON: Encodable {
    let code: String
    let order: String
    let books: [String]
    let message: String
    let dates: [String: String]
    let stake: [Value]
    let quantities: [String]
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
  let books: [String]
  let clean: Bool
  let counts: [String: Int]
  let findings: [FindingJSON]
  let integrity: [Problem]
  let aging: [Aging]
  let fiscal_years: [Fiscal]

  init(ledger: String, audited: AuditedLedger, report: AuditReport) {
    self.ledger = ledger
    scenario = audited.info.scenarioName
    as_of = report.asOf.description
    books = audited.books
    clean = report.isClean
    counts = Dictionary(uniqueKeysWithValues: FindingRules.counts(report.findings).map { ($0.key.rawValue, $0.value) })
    findings = report.items.map { i in
      FindingJSON(
        code: i.finding.code.rawValue, order: i.finding.order, books: i.finding.books, message: i.finding.message,
        dates: i.finding.dates.mapValues(\.description), stake: i.stake.map(Value.init), quantities: i.quantities)
    }
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
