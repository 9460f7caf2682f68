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

  @Argument(help: "A ledger written by `acsa run` or `acsa export`, or one kept in PostgreSQL (postgres://USER@HOST/DATABASE?ledger=NAME).")
  var ledger: String

  @Option(
    name: .customLong("head"),
    help: ArgumentHelp("A head hash the other party recorded earlier, as PARTY=HASH (repeatable).", valueName: "PARTY=HASH"))
  var heads: [String] = []

  @Flag(help: "Print JSON (documented in the README).")
  var json = false

  mutating func run() throws {
    let source = try LedgerArgument.open(ledger)
    ledger = source.name
    var anchors: [PartyID: String] = [:]
    for h in heads {
      let parts = h.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, parts[1].count == 64, parts[1].allSatisfy(\.isHexDigit) else {
        throw ValidationError("--head: '\(h)' is not PARTY=HASH with a 64-digit hex SHA-256, e.g. JP=\(String(repeating: "0", count: 64))")
      }
      anchors[parts[0]] = parts[1].lowercased()
    }
    // The structure first: until it holds, the records cannot be read as records.
    let structure = try LedgerStructure.problems(source.path)
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
    let audited = try AuditedLedger(path: source.path)
    for party in anchors.keys where !audited.books.contains(party) {
      throw ValidationError("--head: '\(party)' is not a book of this ledger; use one of \(audited.books.joined(separator: ", "))")
    }
    let inspection = try Inspection.run(audited, anchors: anchors)
    if json {
      print(try Output.json(VerifyJSON(ledger: ledger, inspection: inspection)))
    } else {
      print(VerifyText.render(ledger: ledger, inspection))
    }
    if !inspection.problems.isEmpty { throw Exit.somethingToReport }
  }
}
