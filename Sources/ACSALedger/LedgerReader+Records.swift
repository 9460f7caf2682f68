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
  /// The columns `eventRecord(_:)` reads, in order.
  public static let eventColumns = "seq, date, event_id, line, action, order_id, books, outcome, code, message, payload"

  /// An event-log row (selected with `eventColumns` first) as an `EventRecord`.
  public static func eventRecord(_ row: Row) throws -> EventRecord {
    let dateText: String = try row.at(1)
    let booksText: String = try row.at(6)
    let outcomeText: String = try row.at(7)
    return EventRecord(
      seq: try row.at(0), date: Day(text: dateText) ?? Day(ordinal: 0), eventID: try row.at(2), line: try row.at(3), action: try row.at(4),
      orderID: try row.at(5),
      books: booksText.isEmpty ? [] : booksText.split(separator: ",").map(String.init),
      outcome: EventRecord.Outcome(rawValue: outcomeText) ?? .applied, code: try row.at(8), message: try row.at(9), payload: try row.at(10))
  }

  /// Which books the ledger holds entries for, in party order.
  public func books() throws -> [PartyID] {
    try queue.read { db in
      try String.fetchAll(db, sql: "SELECT id FROM parties WHERE id IN (SELECT DISTINCT book FROM entries) ORDER BY position")
    }
  }

  /// The event log in sequence order (expectations included).
  public func storedEvents() throws -> [StoredEvent] {
    try queue.read { db in
      var result: [StoredEvent] = []
      let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.eventColumns), hash FROM events ORDER BY seq")
      while let row = try rows.next() {
        result.append(StoredEvent(record: try Self.eventRecord(row), hash: try row.at(11)))
      }
      return result
    }
  }

  /// One book's journal in entry order, with postings in line order.
  public func storedEntries(book: PartyID) throws -> [StoredEntry] {
    try queue.read { db in
      var postings: [Int: [(line: Int, posting: Posting)]] = [:]
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT entry_no, line_no, account, kind, commodity, amount, order_id, obligation_id
          FROM postings WHERE book = ? ORDER BY entry_no, line_no
          """, arguments: [book])
      while let row = try rows.next() {
        let kindText: String = try row.at(3)
        let posting = Posting(
          account: Account(text: try row.at(2)), kind: ObligationKind(rawValue: kindText) ?? .cash, commodity: try row.at(4),
          amount: try row.at(5),
          orderID: try row.at(6),
          obligationID: try row.at(7))
        postings[try row.at(0), default: []].append((try row.at(1), posting))
      }
      var result: [StoredEntry] = []
      let entries = try Row.fetchCursor(
        db, sql: "SELECT entry_no, date, event_seq, order_id, memo, payload, hash FROM entries WHERE book = ? ORDER BY entry_no",
        arguments: [book])
      while let row = try entries.next() {
        let number: Int = try row.at(0)
        let dateText: String = try row.at(1)
        let lines = postings[number] ?? []
        let entry = JournalEntry(
          book: book, date: Day(text: dateText) ?? Day(ordinal: 0), eventSeq: try row.at(2), orderID: try row.at(3), memo: try row.at(4),
          payload: try row.at(5),
          postings: lines.map(\.posting))
        result.append(StoredEntry(number: number, entry: entry, hash: try row.at(6), lineNumbers: lines.map(\.line)))
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
      ).map { (try $0.at(0), try $0.at(1)) }
    }
  }
}
