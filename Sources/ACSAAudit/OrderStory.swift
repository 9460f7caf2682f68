import ACSADomain
import ACSALedger

/// One order's whole story in a ledger, for `acsa show`: every event of the log on it
/// (refused ones and checks included) with the entries each book made for it, those
/// entries' postings, each book's record of the order and its obligations, and the
/// findings on it as of a date, with their evidence and stakes, as `acsa audit` judges
/// them.
///
/// Read through the tables' keys (the log's index on orders, each journal by entry
/// number): a ledger of a million orders answers as fast as a small one.
public struct OrderStory: Sendable {
  /// One book's record of the order.
  public struct BookRecord: Sendable {
    public let book: PartyID
    /// Nil when this book has no record of the order.
    public let record: OrderRecord?
    /// The status this book gives the order (`orders.status`).
    public let status: String?
    /// Its obligations, in creation order, as at the end of the run.
    public let obligations: [Obligation]
  }

  public let order: String
  public let asOf: Day
  /// The log's events on the order, in number order.
  public let events: [EventRecord]
  /// The entries the books made for them, in book then entry order.
  public let entries: [StoredEntry]
  public let books: [BookRecord]
  /// The findings on the order as of `asOf`, with evidence (`report.evidence`).
  public let report: AuditReport

  /// Per event number, the entries made for it: (book, entry number).
  public var entriesByEvent: [Int: [(book: PartyID, entry: Int)]] {
    var result: [Int: [(book: PartyID, entry: Int)]] = [:]
    for s in entries { result[s.entry.eventSeq, default: []].append((s.entry.book, s.number)) }
    return result
  }

  /// What was still owed on an obligation at the end of `asOf`, from the settlements
  /// the order's entries record (nothing once converted or before it existed).
  public func stillOwed(_ o: Obligation, in book: PartyID) -> Int64 {
    AuditReport.openUnits(o, settled[book]?[o.id] ?? [], at: asOf)
  }

  let settled: [PartyID: [Int: [(date: Day, units: Int64)]]]

  /// Reads the story of `order` as of the end of `asOf`; nil when the log has no event on
  /// it.
  public static func load(_ ledger: AuditedLedger, order: String, asOf: Day) throws -> OrderStory? {
    let reader = ledger.reader
    let events = try reader.orderEventRecords(order, books: ledger.books)
    guard !events.isEmpty else { return nil }
    var entries: [StoredEntry] = []
    for book in ledger.books {
      for event in events where event.outcome == .applied || event.outcome == .system {
        if let number = try reader.entryNumber(book: book, eventSeq: event.seq), let entry = try reader.entry(book: book, number: number) {
          entries.append(entry)
        }
      }
    }
    // Settlements of this order's obligations (what `LedgerReader.settlements` reads),
    // and the obligations its postings name, per book.
    var settled: [PartyID: [Int: [(date: Day, units: Int64)]]] = [:]
    var obligationIDs: [PartyID: Set<Int>] = [:]
    for s in entries {
      for p in s.entry.postings where p.orderID == order || p.orderID == nil {
        guard let id = p.obligationID else { continue }
        if p.orderID == order { obligationIDs[s.entry.book, default: []].insert(id) }
        if p.account.isSettlement, s.entry.date <= asOf {
          settled[s.entry.book, default: [:]][id, default: []].append((s.entry.date, p.amount < 0 ? 0 &- p.amount : p.amount))
        }
      }
    }
    var partials: [PartialBook] = []
    var records: [BookRecord] = []
    for book in ledger.books {
      let partial = try reader.partialBook(
        owner: book, agreement: ledger.framework.agreement, orders: [order],
        obligations: Array(obligationIDs[book] ?? []))
      partials.append(partial)
      records.append(
        BookRecord(
          book: book, record: partial.record(order), status: try reader.orderStatus(book: book, order: order),
          obligations: partial.obligations(of: order)))
    }
    // The findings as `acsa audit` makes them, on this order alone.
    let items = AuditReport.items(framework: ledger.framework, books: partials, asOf: asOf, settled: settled, problems: [])
    var report = AuditReport(asOf: asOf, items: items, integrity: [], aging: [], fiscal: [])
    try report.attachEvidence(reader, books: ledger.books)
    return OrderStory(order: order, asOf: asOf, events: events, entries: entries, books: records, report: report, settled: settled)
  }
}
