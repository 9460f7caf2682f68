import ACSAAudit
import ACSADomain
import ACSALedger
import Foundation

/// `acsa verify` as text: each check, the head hashes, the digest and the verdict.
public enum VerifyText {
  public static func render(ledger: String, _ i: Inspection) -> String {
    var out = ["Verifying \(ledger) (\(i.ledger.info.scenarioName))"]
    out.append("  file       SQLite's integrity check ok, the schema acsa writes, every value of its column's type")
    let byKind = Dictionary(grouping: i.problems, by: \.kind)
    func status(_ kinds: [IntegrityProblem.Kind], book: PartyID?) -> String {
      let n = kinds.flatMap { byKind[$0] ?? [] }.filter { $0.book == book }.count
      return n == 0 ? "ok" : "\(n) problem\(n == 1 ? "" : "s")"
    }
    var table = TextTable()
    // Event numbers are the log's (`events.seq`), as `audit`, `show` and `reconcile`
    // cite them; expectations are numbered too but are not chained (the seal covers them).
    let all = i.records.events.count
    let first = i.records.events.first?.record.seq ?? 0
    let last = i.records.events.last?.record.seq ?? 0
    table.add([
      "event log",
      all == 0 ? "no events" : "events \(first)-\(last), \(i.eventsChecked) chained",
      "chain " + status([.chainBroken, .headChanged], book: nil),
    ])
    for book in i.ledger.books {
      let n = i.records.entries[book]?.count ?? 0
      table.add([
        "\(book) book", "\(n) entries", "chain " + status([.chainBroken, .headChanged, .numberingGap, .orphanPosting], book: book),
        "balance " + status([.unbalanced], book: book),
        "replay " + status([.replayMismatch, .logMismatch, .balanceMismatch, .snapshotMismatch, .outOfOrder], book: book),
      ])
    }
    out.append(table.render())
    if i.ledger.books.count == 2 {
      let n = byKind[.ruleMismatch]?.count ?? 0
      out.append(
        "  agreement rules applied again to the log: " + (n == 0 ? "every logged outcome holds" : "\(n) outcome\(n == 1 ? "" : "s") differ")
      )
    }
    let rows = byKind[.rowMismatch]?.count ?? 0
    out.append(
      "  every stored row against the one acsa writes from the records: "
        + (rows == 0 ? "all alike" : "\(rows) difference\(rows == 1 ? "" : "s")"))
    let sealed = i.ledger.info.meta["seal"] != nil
    let broken = byKind[.sealBroken]?.count ?? 0
    out.append(
      "  the seal of what the chains do not cover: "
        + (broken > 0 ? "BROKEN" : sealed ? "intact" : "none (written by an earlier acsa: lines and expectations are not covered)"))
    for a in i.anchors {
      out.append("  anchor \(a.book)=\(a.hash.prefix(16))…: " + (a.found ? "found in \(a.book)'s chain" : "NOT in \(a.book)'s chain"))
    }
    if !i.problems.isEmpty {
      out.append("")
      out.append("Problems:")
      var t = TextTable()
      for p in i.problems.prefix(200) { t.add([p.kind.rawValue, p.place, p.message]) }
      out.append(t.render())
      if i.problems.count > 200 { out.append("  ... and \(i.problems.count - 200) more (--json lists them all)") }
    }
    out.append("")
    out.append("Head hashes (exchange them to anchor the chains):")
    out.append("  log  \(i.logHead)")
    for book in i.ledger.books { out.append("  \(book)   \(i.bookHeads[book] ?? "")") }
    let recorded = i.ledger.info.digest
    out.append("ledger_digest: \(i.digest)" + (recorded == i.digest ? "" : " (the ledger records \(recorded))"))
    out.append(
      i.problems.isEmpty ? "OK: the ledger passes every check." : "FAILED: \(i.problems.count) problem\(i.problems.count == 1 ? "" : "s").")
    return out.joined(separator: "\n")
  }
}

public struct VerifyJSON: Encodable {
  public struct Anchor: Encodable {
    public let book: String
    public let hash: String
    public let found: Bool
  }
  public let ledger: String
  public let ok: Bool
  public let events_checked: Int
  public let entries_checked: Int
  public let log_head: String
  public let book_heads: [String: String]
  public let ledger_digest: String
  public let recorded_digest: String
  public let anchors: [Anchor]
  public let problems: [AuditJSON.Problem]

  /// A ledger whose structure fails: its problems, and no chain or replay.
  public init(ledger: String, structure: [IntegrityProblem]) {
    self.ledger = ledger
    ok = false
    events_checked = 0
    entries_checked = 0
    log_head = ""
    book_heads = [:]
    ledger_digest = ""
    recorded_digest = ""
    anchors = []
    problems = structure.map(AuditJSON.Problem.init)
  }

  public init(ledger: String, inspection i: Inspection) {
    self.ledger = ledger
    ok = i.problems.isEmpty
    events_checked = i.eventsChecked
    entries_checked = i.entriesChecked
    log_head = i.logHead
    book_heads = i.bookHeads
    ledger_digest = i.digest
    recorded_digest = i.ledger.info.digest
    anchors = i.anchors.map { Anchor(book: $0.book, hash: $0.hash, found: $0.found) }
    problems = i.problems.map(AuditJSON.Problem.init)
  }
}
