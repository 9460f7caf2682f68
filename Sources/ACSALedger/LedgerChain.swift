import ACSADomain
import Crypto

/// The ledger's hash chains and its `ledger_digest`.
///
/// Three chains (format 1): the event log (`log`) and each party's book (`book JP`,
/// `book PH`). Each starts from
/// `SHA-256("acsa-chain-v1\n<chain name>\n<framework hash>")`, where the framework hash is
/// the SHA-256 of the scenario text the ledger was built from; each record's hash is
/// `SHA-256(<previous hash in hex> + "\n" + <record text>)`. A log record is the event
/// row (`event|seq|date|event_id|action|order_id|books|outcome|code|message|payload`; not
/// its line in the scenario file, so that an expanded file gives the same chain);
/// a book record is the entry (`entry|book|no|date|event_seq|order_id|memo|payload`)
/// followed by its postings (`posting|line|date|account|kind|commodity|amount|order_id|obligation_id`),
/// one line each, `\n`-terminated, with `\`, `|` and line ends escaped. Expectation rows
/// are not chained. The last hash of a chain is its head; the digest is
/// `SHA-256("acsa-ledger-digest-v1\nlog <head>\nbook JP <head>\nbook PH <head>\n")`.
public enum LedgerChain {
  public static func sha256Hex(_ text: String) -> String {
    hex(SHA256.hash(data: Array(text.utf8)))
  }

  public static func genesis(_ chain: String, frameworkHash: String) -> String {
    sha256Hex("acsa-chain-v1\n\(chain)\n\(frameworkHash)")
  }

  public static func next(_ previous: String, _ record: String) -> String {
    var hasher = SHA256()
    hasher.update(data: Array(previous.utf8))
    hasher.update(data: [10])
    hasher.update(data: Array(record.utf8))
    return hex(hasher.finalize())
  }

  static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  public static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for b in bytes {
      out.append(hexDigits[Int(b >> 4)])
      out.append(hexDigits[Int(b & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func field(_ s: String?) -> String { s.map(EventCodec.escape) ?? "" }

  public static func eventRecord(_ e: EventRecord) -> String {
    [
      "event", String(e.seq), e.date.description, field(e.eventID), e.action, field(e.orderID),
      e.books.joined(separator: ","), e.outcome.rawValue, field(e.code), field(e.message), field(e.payload),
    ].joined(separator: "|") + "\n"
  }

  public static func entryRecord(_ entry: JournalEntry, number: Int) -> String {
    var text =
      [
        "entry", entry.book, String(number), entry.date.description, String(entry.eventSeq), field(entry.orderID), field(entry.memo),
        field(entry.payload),
      ].joined(separator: "|") + "\n"
    let date = entry.date.description
    for (i, p) in entry.postings.enumerated() {
      text +=
        [
          "posting", String(i), date, p.account, p.kind.rawValue, field(p.commodity), String(p.amount), field(p.orderID),
          p.obligationID.map(String.init) ?? "",
        ].joined(separator: "|") + "\n"
    }
    return text
  }

  public static func chainName(book: PartyID) -> String { "book " + book }

  public static func digest(logHead: String, bookHeads: [(PartyID, String)]) -> String {
    var top = "acsa-ledger-digest-v1\nlog \(logHead)\n"
    for (party, head) in bookHeads { top += "book \(party) \(head)\n" }
    return sha256Hex(top)
  }
}

/// Running heads of the three chains while a ledger is written.
public struct ChainHeads: Sendable {
  public var log: String
  public var books: [PartyID: String]
  public let order: [PartyID]

  public init(parties: [PartyID], frameworkHash: String) {
    order = parties
    log = LedgerChain.genesis("log", frameworkHash: frameworkHash)
    books = Dictionary(
      uniqueKeysWithValues: parties.map { ($0, LedgerChain.genesis(LedgerChain.chainName(book: $0), frameworkHash: frameworkHash)) })
  }

  /// Chains an event row and returns its hash (nil for expectations, which are not chained).
  public mutating func add(_ event: EventRecord) -> String? {
    guard event.payload != nil else { return nil }
    log = LedgerChain.next(log, LedgerChain.eventRecord(event))
    return log
  }

  public mutating func add(_ entry: JournalEntry, number: Int) -> String {
    let head = LedgerChain.next(books[entry.book] ?? "", LedgerChain.entryRecord(entry, number: number))
    books[entry.book] = head
    return head
  }

  public var digest: String { LedgerChain.digest(logHead: log, bookHeads: order.map { ($0, books[$0] ?? "") }) }
}
