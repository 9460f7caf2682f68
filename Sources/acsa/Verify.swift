import ACSAAudit
import ACSADomain
import ACSAReports
import ArgumentParser
import Foundation

struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Prove a ledger was not altered: hash chains, balanced entries, a full replay.",
    discussion: """
      Recomputes the SHA-256 chains of the event log and of each book, checks that every \
      entry balances per kind and commodity, replays each book's recorded events into a \
      fresh in-memory ledger and compares every entry and balance, applies the \
      agreement's rules again to the event log, and prints each chain's head hash.

      The two parties can exchange their books' head hashes (for example at the end of \
      an exercise); later, `--head JP=HASH` proves that JP's book still passes through \
      that head, which catches even a book rewritten and re-chained consistently.

      Exit status: 0 when every check passes, 1 when one fails, 2 on error.
      """)

  @Argument(help: "A ledger written by `acsa run` or `acsa export`.")
  var ledger: String

  @Option(
    name: .customLong("head"),
    help: ArgumentHelp("A head hash the other party recorded earlier, as PARTY=HASH (repeatable).", valueName: "PARTY=HASH"))
  var heads: [String] = []

  @Flag(help: "Print JSON (documented in the README).")
  var json = false

  func run() throws {
    var anchors: [PartyID: String] = [:]
    for h in heads {
      let parts = h.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, parts[1].count == 64, parts[1].allSatisfy(\.isHexDigit) else {
        throw ValidationError("--head: '\(h)' is not PARTY=HASH with a 64-digit hex SHA-256, e.g. JP=\(String(repeating: "0", count: 64))")
      }
      anchors[parts[0]] = parts[1].lowercased()
    }
    // The structure first: until it holds, the records cannot be read as records.
    let structure = try LedgerStructure.problems(ledger)
    if !structure.isEmpty {
      if json {
        print(try Output.json(VerifyJSON(ledger: ledger, structure: structure)))
      } else {
        var t = TextTable()
        for p in structure.prefix(200) { t.add([p.kind.rawValue, p.message]) }
        print(
          """
          Verifying \(ledger)
          Problems:
          \(t.render())
          FAILED: \(structure.count) problem\(structure.count == 1 ? "" : "s") in the ledger's structure; the other checks read \
          its rows as records and were not made.
          """)
      }
      throw Exit.somethingToReport
    }
    let audited = try AuditedLedger(path: ledger)
    for party in anchors.keys where !audited.books.contains(party) {
      throw ValidationError("--head: '\(party)' is not a book of this ledger; use one of \(audited.books.joined(separator: ", "))")
    }
    let inspection = try Inspection.run(audited, anchors: anchors)
    if json {
      print(try Output.json(VerifyJSON(ledger: ledger, inspection: inspection)))
    } else {
      print(text(inspection))
    }
    if !inspection.problems.isEmpty { throw Exit.somethingToReport }
  }

  func text(_ i: Inspection) -> String {
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

struct VerifyJSON: Encodable {
  struct Anchor: Encodable {
    let book: String
    let hash: String
    let found: Bool
  }
  let ledger: String
  let ok: Bool
  let events_checked: Int
  let entries_checked: Int
  let log_head: String
  let book_heads: [String: String]
  let ledger_digest: String
  let recorded_digest: String
  let anchors: [Anchor]
  let problems: [AuditJSON.Problem]

  /// A ledger whose structure fails: its problems, and no chain or replay.
  init(ledger: String, structure: [IntegrityProblem]) {
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

  init(ledger: String, inspection i: Inspection) {
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
