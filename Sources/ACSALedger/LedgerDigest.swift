import ACSADomain
import Crypto

/// The `ledger_digest`: SHA-256 over a canonical export of the event log and both books.
///
/// Definition (version 1): three SHA-256 streams, one over the event log's applied,
/// refused and system rows (`event|seq|date|event_id|action|order_id|books|outcome|code`),
/// one per book over its entries and postings in entry order
/// (`entry|no|date|event_seq|order_id|memo` then `posting|line|account|kind|commodity|amount|order_id|obligation_id`),
/// each line ended by `\n`. The digest is SHA-256 of
/// `acsa-ledger-digest-v1\nevents <hex>\nbook <ID> <hex>\n...` with the books in the
/// scenario's party order. The same file and seed always give the same digest.
public struct LedgerDigest {
  var events = SHA256()
  var books: [PartyID: SHA256] = [:]
  let order: [PartyID]

  public init(parties: [PartyID]) {
    order = parties
    for p in parties { books[p] = SHA256() }
  }

  static func field(_ s: String?) -> String {
    guard let s else { return "" }
    // Escape the separator and line ends so that fields cannot run together.
    var out = ""
    for ch in s {
      switch ch {
      case "\\": out += "\\\\"
      case "|": out += "\\|"
      case "\n": out += "\\n"
      default: out.append(ch)
      }
    }
    return out
  }

  public static func eventLine(_ e: EventRecord) -> String {
    [
      "event", String(e.seq), e.date.description, field(e.eventID), e.action, field(e.orderID), e.books.joined(separator: ","),
      e.outcome.rawValue, field(e.code),
    ].joined(separator: "|") + "\n"
  }

  public static func entryLines(_ entry: JournalEntry, number: Int) -> String {
    var text =
      ["entry", String(number), entry.date.description, String(entry.eventSeq), field(entry.orderID), field(entry.memo)].joined(
        separator: "|") + "\n"
    for (i, p) in entry.postings.enumerated() {
      text +=
        [
          "posting", String(i), p.account, p.kind.rawValue, field(p.commodity), String(p.amount), field(p.orderID),
          p.obligationID.map(String.init) ?? "",
        ].joined(separator: "|") + "\n"
    }
    return text
  }

  public mutating func add(_ event: EventRecord) {
    guard event.outcome == .applied || event.outcome == .refused || event.outcome == .system else { return }
    events.update(data: Array(Self.eventLine(event).utf8))
  }

  public mutating func add(_ entry: JournalEntry, number: Int) {
    books[entry.book]?.update(data: Array(Self.entryLines(entry, number: number).utf8))
  }

  static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
    digest.map { b in
      let s = String(b, radix: 16)
      return s.count == 1 ? "0" + s : s
    }.joined()
  }

  /// Each book's hash of its journal, by party.
  public func bookHashes() -> [PartyID: String] {
    books.mapValues { Self.hex($0.finalize()) }
  }

  public func finalize() -> String {
    var top = "acsa-ledger-digest-v1\nevents \(Self.hex(events.finalize()))\n"
    let hashes = bookHashes()
    for p in order { top += "book \(p) \(hashes[p] ?? "")\n" }
    return Self.hex(SHA256.hash(data: Array(top.utf8)))
  }
}
