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
          "posting", String(i), date, p.account.text, p.kind.rawValue, field(p.commodity), String(p.amount), field(p.orderID),
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

/// The chain records of `LedgerChain`, written as bytes into a buffer (the writer's
/// batch) and hashed from it: the same bytes as `LedgerChain.eventRecord` and
/// `entryRecord` (a test compares them on awkward text), at a fraction of the cost of
/// joining strings. The writer uses it; `acsa verify` recomputes the chains with the
/// string functions.
struct ChainRecordEncoder {
  var bytes: [UInt8]

  private mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }
  private mutating func bar() { bytes.append(0x7C) }

  private mutating func int(_ n: Int) {
    if n >= 0 && n < 10 {
      bytes.append(UInt8(48 + n))
    } else {
      raw(String(n))
    }
  }

  /// `EventCodec.escape`d text. Text with nothing to escape is copied as it is; plain
  /// ASCII without a carriage return is escaped byte by byte (each such byte is a whole
  /// Character); anything else goes through `escape` itself, which works on Characters.
  private mutating func field(_ s: String) {
    var s = s
    let plain = s.withUTF8 { utf8 -> Bool in
      for b in utf8 where b == 0x5C || b == 0x7C || b == 0x0A || b == 0x0D || b >= 0x80 { return false }
      bytes.append(contentsOf: utf8)
      return true
    }
    guard !plain else { return }
    var ascii = true
    for b in s.utf8 where b >= 0x80 || b == 0x0D {
      ascii = false
      break
    }
    guard ascii else { return raw(EventCodec.escape(s)) }
    for b in s.utf8 {
      switch b {
      case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
      case 0x7C: bytes.append(0x5C); bytes.append(0x7C)
      case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
      default: bytes.append(b)
      }
    }
  }

  private mutating func field(_ s: String?) { if let s { field(s) } }

  private mutating func day(_ d: Day) { d.appendDescription(to: &bytes) }

  /// `SHA-256(previous + "\n" + record)` in hex.
  static func next(_ previous: String, record: UnsafeRawBufferPointer) -> String {
    var hasher = SHA256()
    hasher.update(data: Array(previous.utf8))
    hasher.update(data: [10])
    hasher.update(bufferPointer: record)
    return LedgerChain.hex(hasher.finalize())
  }

  /// Appends an event's record.
  mutating func append(event e: EventRecord) {
    raw("event|")
    int(e.seq)
    bar()
    day(e.date)
    bar()
    field(e.eventID)
    bar()
    raw(e.action)
    bar()
    field(e.orderID)
    bar()
    for (i, book) in e.books.enumerated() {
      if i > 0 { bytes.append(0x2C) }
      raw(book)
    }
    bar()
    raw(e.outcome.rawValue)
    bar()
    field(e.code)
    bar()
    field(e.message)
    bar()
    field(e.payload)
    bytes.append(10)
  }

  /// Appends an entry's record: the entry, then its postings.
  mutating func append(entry: JournalEntry, number: Int) {
    raw("entry|")
    raw(entry.book)
    bar()
    int(number)
    bar()
    let dateStart = bytes.count
    day(entry.date)
    let dateEnd = bytes.count
    bar()
    int(entry.eventSeq)
    bar()
    field(entry.orderID)
    bar()
    field(entry.memo)
    bar()
    field(entry.payload)
    bytes.append(10)
    for (i, p) in entry.postings.enumerated() {
      raw("posting|")
      int(i)
      bar()
      for k in dateStart..<dateEnd { bytes.append(bytes[k]) }
      bar()
      raw(p.account.text)
      bar()
      raw(p.kind.rawValue)
      bar()
      field(p.commodity)
      bar()
      raw(String(p.amount))
      bar()
      field(p.orderID)
      bar()
      if let o = p.obligationID { int(o) }
      bytes.append(10)
    }
  }
}

/// The heads of a ledger's chains while it is written: the log's, then each party
/// book's, in the parties' order.
struct ChainHeads {
  static let log = 0
  var heads: [String]
  let parties: [PartyID]

  init(parties: [PartyID], frameworkHash: String) {
    self.parties = parties
    heads =
      [LedgerChain.genesis("log", frameworkHash: frameworkHash)]
      + parties.map { LedgerChain.genesis(LedgerChain.chainName(book: $0), frameworkHash: frameworkHash) }
  }

  /// The chain of a party's book.
  static func book(_ index: Int) -> Int { index + 1 }

  /// Chains a record and returns its hash.
  mutating func add(_ record: UnsafeRawBufferPointer, to chain: Int) -> String {
    let head = ChainRecordEncoder.next(heads[chain], record: record)
    heads[chain] = head
    return head
  }

  var digest: String { LedgerChain.digest(logHead: heads[Self.log], bookHeads: parties.enumerated().map { ($1, heads[Self.book($0)]) }) }

  /// The meta rows that close a ledger: its digest and the heads.
  var metaRows: [(String, String)] {
    [("ledger_digest", digest), ("log_head", heads[Self.log])] + parties.enumerated().map { ("book_head_" + $1, heads[Self.book($0)]) }
  }
}
