import ACSADomain
import GRDB

/// Reading one order's history, or the events a finding cites, through the tables' keys
/// (the log by number and by order, each journal by entry number): a lookup costs a few
/// index probes, not a scan of the ledger.
extension LedgerReader {
  /// What a finding cites of an event: its number, date, action, line and id. A few
  /// are read by number, many by one pass over the log.
  public func eventSummaries(_ seqs: [Int]) throws -> [(seq: Int, date: Day, action: String, line: Int?, eventID: String?)] {
    let wanted = Set(seqs)
    guard !wanted.isEmpty else { return [] }
    return try queue.read { db in
      var result: [(seq: Int, date: Day, action: String, line: Int?, eventID: String?)] = []
      let c = ColumnList(["seq", "date", "action", "line", "event_id"])
      let columns = c.sql
      func read(_ rows: RowCursor) throws {
        while let row = try rows.next() {
          let seq: Int = try row.at(c["seq"])
          guard wanted.contains(seq) else { continue }
          let dateText: String = try row.at(c["date"])
          result.append(
            (seq, Day(text: dateText) ?? Day(ordinal: 0), try row.at(c["action"]), try row.at(c["line"]), try row.at(c["event_id"])))
        }
      }
      if wanted.count > 1_000 {
        try read(try Row.fetchCursor(db, sql: "SELECT \(columns) FROM events ORDER BY seq"))
      } else {
        let list = wanted.sorted()
        let marks = Array(repeating: "?", count: list.count).joined(separator: ",")
        try read(
          try Row.fetchCursor(
            db, sql: "SELECT \(columns) FROM events WHERE seq IN (\(marks)) ORDER BY seq", arguments: StatementArguments(list)))
      }
      return result
    }
  }

  /// Every event of the log on `order` (`events.order_id`, through its index), and the
  /// offsets (whose log row names no order) that moved an amount of it in some book.
  public func orderEventRecords(_ order: String, books: [PartyID]) throws -> [EventRecord] {
    let (own, offsets) = try queue.read { db -> ([EventRecord], [EventRecord]) in
      var own: [EventRecord] = []
      let rows = try Row.fetchCursor(
        db, sql: "SELECT \(Self.eventColumns) FROM events WHERE order_id = ? ORDER BY seq", arguments: [order])
      while let row = try rows.next() { own.append(try Self.eventRecord(row)) }
      var offsets: [EventRecord] = []
      let offsetRows = try Row.fetchCursor(
        db, sql: "SELECT \(Self.eventColumns) FROM events WHERE action = 'offset' AND order_id IS NULL AND outcome = 'applied' ORDER BY seq"
      )
      while let row = try offsetRows.next() { offsets.append(try Self.eventRecord(row)) }
      return (own, offsets)
    }
    var touching: [EventRecord] = []
    for event in offsets {
      var touches = false
      for book in books {
        if let number = try entryNumber(book: book, eventSeq: event.seq), let entry = try entry(book: book, number: number),
          entry.entry.postings.contains(where: { $0.orderID == order })
        {
          touches = true
        }
      }
      if touches { touching.append(event) }
    }
    return (own + touching).sorted { $0.seq < $1.seq }
  }

  /// The number of the entry `book` made for event `eventSeq`, if it made one.
  public func entryNumber(book: PartyID, eventSeq: Int) throws -> Int? {
    try queue.read { db in try Self.entryNumber(db, book: book, eventSeq: eventSeq) }
  }

  /// Entries are numbered in the order of their events (`verify` checks it), so a
  /// binary search over the primary key finds the one made for an event.
  static func entryNumber(_ db: Database, book: PartyID, eventSeq: Int) throws -> Int? {
    guard let last = try Int.fetchOne(db, sql: "SELECT MAX(entry_no) FROM entries WHERE book = ?", arguments: [book]),
      let first = try Int.fetchOne(db, sql: "SELECT MIN(entry_no) FROM entries WHERE book = ?", arguments: [book])
    else { return nil }
    var low = first
    var high = last
    while low <= high {
      let mid = low + (high - low) / 2
      // An entry number missing from a damaged ledger: look at the next one present.
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT entry_no, event_seq FROM entries WHERE book = ? AND entry_no >= ? ORDER BY entry_no LIMIT 1",
          arguments: [book, mid])
      else {
        high = mid - 1
        continue
      }
      let number: Int = try row.at("entry_no")
      let seq: Int = try row.at("event_seq")
      if seq == eventSeq { return number }
      if seq < eventSeq {
        low = number + 1
      } else {
        high = mid - 1
      }
    }
    return nil
  }

  /// One journal entry with its postings in line order.
  public func entry(book: PartyID, number: Int) throws -> StoredEntry? {
    try queue.read { db in
      let e = Self.entryAt
      let p = Self.postingAt
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT \(Self.entryColumns) FROM entries WHERE book = ? AND entry_no = ?", arguments: [book, number])
      else { return nil }
      var postings: [Posting] = []
      var lines: [Int] = []
      let rows = try Row.fetchCursor(
        db, sql: "SELECT \(Self.postingColumns) FROM postings WHERE book = ? AND entry_no = ? ORDER BY line_no", arguments: [book, number])
      while let r = try rows.next() {
        lines.append(try r.at(p.lineNo))
        postings.append(try Self.posting(r))
      }
      let entry = try Self.journalEntry(row, book: book, postings: postings)
      return StoredEntry(number: number, entry: entry, hash: try row.at(e.hash), lineNumbers: lines)
    }
  }

  /// The entries each book made for the given events: per event number, (book, entry
  /// number) in book order. A few events are looked up by binary search; many (the
  /// evidence of a large audit), by one pass over each journal's keys.
  public func entryNumbers(forEvents seqs: [Int], books: [PartyID]) throws -> [Int: [(book: PartyID, entry: Int)]] {
    let wanted = Set(seqs)
    return try queue.read { db in
      var result: [Int: [(book: PartyID, entry: Int)]] = [:]
      for book in books {
        if wanted.count <= 1_000 {
          for seq in wanted.sorted() {
            if let number = try Self.entryNumber(db, book: book, eventSeq: seq) { result[seq, default: []].append((book, number)) }
          }
        } else {
          let c = ColumnList(["entry_no", "event_seq"])
          let rows = try Row.fetchCursor(db, sql: "SELECT \(c) FROM entries WHERE book = ?", arguments: [book])
          while let row = try rows.next() {
            let seq: Int = try row.at(c["event_seq"])
            if wanted.contains(seq) { result[seq, default: []].append((book, try row.at(c["entry_no"]))) }
          }
        }
      }
      return result
    }
  }

  /// Whether the log has an event on `order` (through the log's index on orders).
  public func orderExists(_ order: String) throws -> Bool {
    try queue.read { db in
      try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events WHERE order_id = ?)", arguments: [order]) ?? false
    }
  }

  /// The status a book gives an order (`orders.status`), if it has a record of it.
  public func orderStatus(book: PartyID, order: String) throws -> String? {
    try queue.read { db in
      try String.fetchOne(db, sql: "SELECT status FROM orders WHERE book = ? AND order_id = ?", arguments: [book, order])
    }
  }

  /// Every order id the log names, for a suggestion when one is mistyped.
  public func orderIDs(near id: String) throws -> [String] {
    try queue.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT order_id FROM events WHERE order_id IS NOT NULL ORDER BY order_id")
    }
  }

  /// The counter-accounts of settlements (`Account.isSettlement`), as prefixes (`payment:`...).
  static let settlementAccounts = Movement.settlements.map { $0.rawValue + ":" }

  /// `Account.isSettlement` in SQL, on the `account` column of `table` (if given);
  /// `also`: more prefixes that count.
  static func settlementCondition(table: String? = nil, also: [String] = []) -> String {
    let column = table.map { $0 + ".account" } ?? "account"
    return "(" + (settlementAccounts + also).map { "\(column) LIKE '\($0)%'" }.joined(separator: " OR ") + ")"
  }
}
