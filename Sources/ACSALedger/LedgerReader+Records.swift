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
  public static func eventRecord(_ row: Row) -> EventRecord {
    let dateText: String = row[1]
    let booksText: String = row[6]
    let outcomeText: String = row[7]
    return EventRecord(
      seq: row[0], date: Day(text: dateText) ?? Day(ordinal: 0), eventID: row[2], line: row[3], action: row[4], orderID: row[5],
      books: booksText.isEmpty ? [] : booksText.split(separator: ",").map(String.init),
      outcome: EventRecord.Outcome(rawValue: outcomeText) ?? .applied, code: row[8], message: row[9], payload: row[10])
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
        result.append(StoredEvent(record: Self.eventRecord(row), hash: row[11]))
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
        let kindText: String = row[3]
        let posting = Posting(
          account: row[2], kind: ObligationKind(rawValue: kindText) ?? .cash, commodity: row[4], amount: row[5], orderID: row[6],
          obligationID: row[7])
        postings[row[0], default: []].append((row[1], posting))
      }
      var result: [StoredEntry] = []
      let entries = try Row.fetchCursor(
        db, sql: "SELECT entry_no, date, event_seq, order_id, memo, payload, hash FROM entries WHERE book = ? ORDER BY entry_no",
        arguments: [book])
      while let row = try entries.next() {
        let number: Int = row[0]
        let dateText: String = row[1]
        let lines = postings[number] ?? []
        let entry = JournalEntry(
          book: book, date: Day(text: dateText) ?? Day(ordinal: 0), eventSeq: row[2], orderID: row[3], memo: row[4], payload: row[5],
          postings: lines.map(\.posting))
        result.append(StoredEntry(number: number, entry: entry, hash: row[6], lineNumbers: lines.map(\.line)))
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
      ).map { ($0[0], $0[1]) }
    }
  }
}
