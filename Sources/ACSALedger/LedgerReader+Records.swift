import ACSADomain
import GRDB

/// A journal entry as stored, with its hash.
public struct StoredEntry: Sendable {
  public let number: Int
  public let entry: JournalEntry
  public let hash: String
  /// Posting line numbers as stored (0, 1, 2... unless rows were deleted or reordered).
  public let lineNumbers: [Int]
}

/// An event-log row as stored, with its hash.
public struct StoredEvent: Sendable {
  public let record: EventRecord
  public let hash: String?
}

extension LedgerReader {
  /// The columns `eventRecord(_:)` reads (and the record's hash in the log's chain).
  public static let eventColumns = ColumnList([
    "seq", "date", "event_id", "line", "action", "order_id", "books", "outcome", "code", "message", "payload", "hash",
  ])

  /// Positions in `eventColumns`, found once (verify reads every event).
  static let eventAt = EventAt(eventColumns)

  /// Positions in `eventColumns`, found once: readers go through millions of rows.
  struct EventAt: Sendable {
    let seq, date, eventId, line, action, orderId, books, outcome, code, message, payload, hash: Int

    init(_ c: ColumnList) {
      seq = c["seq"]
      date = c["date"]
      eventId = c["event_id"]
      line = c["line"]
      action = c["action"]
      orderId = c["order_id"]
      books = c["books"]
      outcome = c["outcome"]
      code = c["code"]
      message = c["message"]
      payload = c["payload"]
      hash = c["hash"]
    }
  }

  /// An event-log row (selected with `eventColumns`) as an `EventRecord`.
  public static func eventRecord(_ row: Row) throws -> EventRecord {
    let c = eventAt
    let dateText: String = try row.at(c.date)
    let booksText: String = try row.at(c.books)
    let outcomeText: String = try row.at(c.outcome)
    return EventRecord(
      seq: try row.at(c.seq), date: Day(text: dateText) ?? Day(ordinal: 0), eventID: try row.at(c.eventId),
      line: try row.at(c.line), action: try row.at(c.action), orderID: try row.at(c.orderId),
      books: booksText.isEmpty ? [] : booksText.split(separator: ",").map(String.init),
      outcome: EventRecord.Outcome(rawValue: outcomeText) ?? .applied, code: try row.at(c.code), message: try row.at(c.message),
      payload: try row.at(c.payload))
  }

  /// Which books the ledger holds entries for, in party order.
  public func books() throws -> [PartyID] {
    try queue.read { db in
      try String.fetchAll(db, sql: "SELECT id FROM parties WHERE id IN (SELECT DISTINCT book FROM entries) ORDER BY position")
    }
  }

  /// The event log in sequence order (expectations included).
  public func storedEvents() throws -> [StoredEvent] {
    try queue.read { db in try Self.storedEvents(db) }
  }

  /// The event log of the ledger open in `db`, in order.
  public static func storedEvents(_ db: Database) throws -> [StoredEvent] {
    var result: [StoredEvent] = []
    let rows = try Row.fetchCursor(db, sql: "SELECT \(eventColumns) FROM events ORDER BY seq")
    while let row = try rows.next() {
      result.append(StoredEvent(record: try eventRecord(row), hash: try row.at(eventAt.hash)))
    }
    return result
  }

  /// One book's journal in entry order, with postings in line order.
  public func storedEntries(book: PartyID) throws -> [StoredEntry] {
    try queue.read { db in
      var postings: [Int: [(line: Int, posting: Posting)]] = [:]
      let p = Self.postingAt
      let rows = try Row.fetchCursor(
        db, sql: "SELECT \(Self.postingColumns) FROM postings WHERE book = ? ORDER BY entry_no, line_no", arguments: [book])
      while let row = try rows.next() {
        postings[try row.at(p.entryNo), default: []].append((try row.at(p.lineNo), try Self.posting(row)))
      }
      var result: [StoredEntry] = []
      let e = Self.entryAt
      let entries = try Row.fetchCursor(
        db, sql: "SELECT \(Self.entryColumns) FROM entries WHERE book = ? ORDER BY entry_no", arguments: [book])
      while let row = try entries.next() {
        let number: Int = try row.at(e.entryNo)
        let lines = postings[number] ?? []
        let entry = try Self.journalEntry(row, book: book, postings: lines.map(\.posting))
        result.append(StoredEntry(number: number, entry: entry, hash: try row.at(e.hash), lineNumbers: lines.map(\.line)))
      }
      return result
    }
  }
}

extension LedgerReader {
  /// Postings whose entry does not exist: (book, entry number).
  public func orphanPostings() throws -> [(PartyID, Int)] {
    try queue.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT DISTINCT p.book, p.entry_no FROM postings p
          LEFT JOIN entries e ON e.book = p.book AND e.entry_no = p.entry_no
          WHERE e.entry_no IS NULL ORDER BY p.book, p.entry_no
          """
      ).map { (try $0.at("book"), try $0.at("entry_no")) }
    }
  }

  /// The columns `posting(_:)` reads, and the posting's place.
  static let postingColumns = ColumnList([
    "entry_no", "line_no", "account", "kind", "commodity", "amount", "order_id", "obligation_id",
  ])

  /// A posting row (selected with `postingColumns`).
  static let postingAt = PostingAt(postingColumns)

  /// Positions in `postingColumns`, found once: readers go through millions of rows.
  struct PostingAt: Sendable {
    let entryNo, lineNo, account, kind, commodity, amount, orderId, obligationId: Int

    init(_ c: ColumnList) {
      entryNo = c["entry_no"]
      lineNo = c["line_no"]
      account = c["account"]
      kind = c["kind"]
      commodity = c["commodity"]
      amount = c["amount"]
      orderId = c["order_id"]
      obligationId = c["obligation_id"]
    }
  }

  static func posting(_ row: Row) throws -> Posting {
    let p = postingAt
    let kindText: String = try row.at(p.kind)
    return Posting(
      account: Account(text: try row.at(p.account)), kind: ObligationKind(rawValue: kindText) ?? .cash,
      commodity: try row.at(p.commodity), amount: try row.at(p.amount), orderID: try row.at(p.orderId),
      obligationID: try row.at(p.obligationId))
  }

  /// The columns `journalEntry(_:book:postings:)` reads, and the entry's number and hash.
  static let entryColumns = ColumnList(["entry_no", "date", "event_seq", "order_id", "memo", "payload", "hash"])

  /// An entry row (selected with `entryColumns`) of `book`, with its postings.
  static let entryAt = EntryAt(entryColumns)

  /// Positions in `entryColumns`, found once: readers go through millions of rows.
  struct EntryAt: Sendable {
    let entryNo, date, eventSeq, orderId, memo, payload, hash: Int

    init(_ c: ColumnList) {
      entryNo = c["entry_no"]
      date = c["date"]
      eventSeq = c["event_seq"]
      orderId = c["order_id"]
      memo = c["memo"]
      payload = c["payload"]
      hash = c["hash"]
    }
  }

  static func journalEntry(_ row: Row, book: PartyID, postings: [Posting]) throws -> JournalEntry {
    let e = entryAt
    let dateText: String = try row.at(e.date)
    return JournalEntry(
      book: book, date: Day(text: dateText) ?? Day(ordinal: 0), eventSeq: try row.at(e.eventSeq), orderID: try row.at(e.orderId),
      memo: try row.at(e.memo), payload: try row.at(e.payload), postings: postings)
  }
}
