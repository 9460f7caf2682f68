/// What happened to one event, as the ledger's event log keeps it.
public struct EventRecord: Hashable, Sendable {
  public enum Outcome: String, Sendable, Codable {
    /// Accepted and recorded in `books`.
    case applied
    /// Refused: nothing of it entered any book.
    case refused
    /// Done by the simulator itself (a deadline conversion) in `books`.
    case system
    case expectPassed = "expect_passed"
    case expectFailed = "expect_failed"

    /// An expectation's outcome (such rows are not chained).
    public var isExpectation: Bool { self == .expectPassed || self == .expectFailed }
  }

  public let seq: Int
  public let date: Day
  public let eventID: String?
  /// The event's line in the scenario file (nil for system events).
  public let line: Int?
  public let action: String
  public let orderID: String?
  public let books: [PartyID]
  public let outcome: Outcome
  public let code: String?
  public let message: String
  /// The event itself (`EventCodec`), nil for an expectation.
  public let payload: String?

  public init(
    seq: Int, date: Day, eventID: String?, line: Int?, action: String, orderID: String?, books: [PartyID], outcome: Outcome, code: String?,
    message: String, payload: String?
  ) {
    self.seq = seq
    self.date = date
    self.eventID = eventID
    self.line = line
    self.action = action
    self.orderID = orderID
    self.books = books
    self.outcome = outcome
    self.code = code
    self.message = message
    self.payload = payload
  }
}

/// Where a run's records go: a SQLite ledger, or a sink that keeps only totals.
public protocol RunSink {
  mutating func record(_ event: EventRecord) throws
  mutating func post(_ entries: [JournalEntry]) throws
  /// Whether the sink reads the records' text (messages, memos, event records); a sink
  /// that keeps only totals says no, and the engine does not build them.
  var keepsText: Bool { get }
  /// Whether the engine may drop an order from its books once nothing more can happen
  /// to it (a ledger run, to keep its memory to the orders still open); it then hands the
  /// order to `writeOrder` first.
  var prunesOrders: Bool { get }
  /// Writes what the books recorded of an order about to be pruned (its end-of-run
  /// snapshot, which can no longer change). `books` are the party books.
  mutating func writeOrder(_ id: String, books: [Book], refused: Bool) throws
}

extension RunSink {
  public var keepsText: Bool { true }
  public var prunesOrders: Bool { false }
  public mutating func writeOrder(_ id: String, books: [Book], refused: Bool) throws {}
}
