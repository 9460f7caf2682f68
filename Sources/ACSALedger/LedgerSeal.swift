import ACSADomain
import Crypto
import GRDB

/// The seal of what a ledger holds that neither its chains cover nor its events give
/// again: the run's own description (which scenario file, its SHA-256, which acsa),
/// each event's line in the scenario, the expectations and how they came out, and, in
/// one party's exported book, each order's status (which the other book decided).
/// `meta.seal` holds its SHA-256; `acsa verify` computes it again from the rows and
/// reports any difference. (Like the chains, it is not a signature: whoever rewrites
/// the rows can compute it again; the parties' exchanged head hashes are what anchor
/// a ledger.)
///
/// The sealed text: `acsa-seal-v1\n`, then `meta|KEY|VALUE\n` for each sealed meta key
/// present, by key; then, in event order, `line|SEQ|LINE\n` for every event row and,
/// for an expectation, its whole record (as the log's chain writes a record); then,
/// in an exported book, `status|BOOK|ORDER|STATUS\n` by order; last, in a live
/// exercise's ledger, `clock|DATE\n` (`clockKey`: where its clock stands, which moves as
/// it is played; so the seal of the rows before it can be kept and continued).
public struct LedgerSeal: Sendable {
  /// The meta keys the seal covers: those that cannot be derived from the scenario
  /// kept in the ledger, nor from its chains.
  public static let metaKeys = ["acsa_version", "exported_book", "exported_from_digest", "scenario_file", "scenario_sha256"]

  /// The meta key of a live exercise's clock: the last day processed (its deadlines
  /// passed), when it is before the scenario's end. Sealed last.
  public static let clockKey = "clock"

  private var hasher = SHA256()
  private var buffer: [UInt8] = []

  public init(meta: [String: String]) {
    buffer.append(contentsOf: "acsa-seal-v1\n".utf8)
    for key in Self.metaKeys {
      guard let value = meta[key] else { continue }
      buffer.append(contentsOf: "meta|\(key)|\(EventCodec.escape(value))\n".utf8)
    }
  }

  /// One event row, in event order.
  public mutating func add(_ e: EventRecord) {
    buffer.append(contentsOf: "line|".utf8)
    appendDigits(e.seq)
    buffer.append(0x7C)
    if let line = e.line { appendDigits(line) }
    buffer.append(0x0A)
    if e.outcome == .expectPassed || e.outcome == .expectFailed {
      buffer.append(contentsOf: LedgerChain.eventRecord(e).utf8)
    }
    if buffer.count >= 1 << 16 { drain() }
  }

  /// An order's status, in an exported book, by order id.
  public mutating func add(status: String, order: String, book: PartyID) {
    buffer.append(contentsOf: "status|\(book)|\(EventCodec.escape(order))|\(status)\n".utf8)
    if buffer.count >= 1 << 16 { drain() }
  }

  /// A number's decimal digits (a run writes millions of them).
  private mutating func appendDigits(_ n: Int) {
    guard n >= 0 else { return buffer.append(contentsOf: String(n).utf8) }
    var divisor = 1
    while n / divisor >= 10 { divisor *= 10 }
    while divisor > 0 {
      buffer.append(UInt8(48 + n / divisor % 10))
      divisor /= 10
    }
  }

  private mutating func drain() {
    hasher.update(data: buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  public mutating func finish() -> String {
    drain()
    return LedgerChain.hex(hasher.finalize())
  }

  /// The seal of what has been added so far, ended with the clock if there is one (a
  /// copy is finished: more events may be added after).
  public func value(clock: String?) -> String {
    var copy = self
    if let clock { copy.buffer.append(contentsOf: "clock|\(EventCodec.escape(clock))\n".utf8) }
    return copy.finish()
  }

  /// The seal of the rows of a ledger as they are now (its meta, its event log and, for
  /// an exported book, its orders' statuses).
  public static func compute(_ db: Database) throws -> String {
    let (seal, meta) = try unfinished(db)
    return seal.value(clock: meta[clockKey])
  }

  /// The seal of a ledger's rows before its clock, which appending events continues;
  /// and its meta.
  static func unfinished(_ db: Database) throws -> (seal: LedgerSeal, meta: [String: String]) {
    var meta: [String: String] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") { meta[try row.at("key")] = try row.at("value") }
    var seal = LedgerSeal(meta: meta)
    let rows = try Row.fetchCursor(db, sql: "SELECT \(LedgerReader.eventColumns) FROM events ORDER BY seq")
    while let row = try rows.next() { seal.add(try LedgerReader.eventRecord(row)) }
    if let book = meta["exported_book"] {
      let orders = try Row.fetchCursor(db, sql: "SELECT order_id, status FROM orders WHERE book = ? ORDER BY order_id", arguments: [book])
      while let row = try orders.next() { seal.add(status: try row.at("status"), order: try row.at("order_id"), book: book) }
    }
    return (seal, meta)
  }
}
