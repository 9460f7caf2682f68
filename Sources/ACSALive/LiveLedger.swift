import ACSAAudit
import ACSADomain
import ACSAFiles
import ACSALedger
import ACSAScenario
import ACSASimulation
import Foundation
import GRDB

/// Why an event or a day cannot be appended, or a ledger not opened for appending.
public enum LiveError: Error, CustomStringConvertible, Sendable {
  /// One party's exported book: its events are the other party's to judge.
  case oneBook(String)
  /// The ledger does not verify: nothing is appended to it.
  case doesNotVerify(String, [IntegrityProblem])
  /// The rules do not give the log again (verify reports it as `rule_mismatch`).
  case logDoesNotReplay(String, seq: Int, String)
  /// An event dated before the exercise's clock.
  case beforeClock(date: Day, clock: Day)
  /// A date after the scenario's end.
  case afterEnd(date: Day, end: Day)

  /// A stable code for scripts and the server's answers.
  public var code: String {
    switch self {
    case .oneBook: "one_book"
    case .doesNotVerify: "ledger_does_not_verify"
    case .logDoesNotReplay: "log_does_not_replay"
    case .beforeClock: "before_clock"
    case .afterEnd: "after_end"
    }
  }

  public var description: String {
    switch self {
    case .oneBook(let path): "\(path) holds one party's exported book: events are appended to the ledger of both books it came from"
    case .doesNotVerify(let path, let problems):
      "\(path) does not verify (\(problems.count) problem\(problems.count == 1 ? "" : "s"), first: \(problems.first.map { "\($0.kind.rawValue): \($0.message)" } ?? "")): "
        + "acsa appends only to a ledger that verifies; `acsa verify \(path)` lists them"
    case .logDoesNotReplay(let path, let seq, let detail):
      "the agreement's rules do not give \(path)'s log again at event \(seq) (\(detail)): nothing can be appended to it; `acsa verify \(path)` says more"
    case .beforeClock(let date, let clock):
      "the exercise's clock stands at \(clock): an event dated \(date) comes too late to be recorded (events are recorded in date order, on or after the clock)"
    case .afterEnd(let date, let end): "\(date) is after the scenario's end (\(end)): the exercise stops there"
    }
  }
}

/// What one append wrote: the events it logged (the deadline conversions of the days it
/// moved the clock through, then the event itself, if any) and the ledger's new digest.
public struct Appended: Sendable {
  public let records: [EventRecord]
  public let digest: String
  public let clock: Day
}

/// A ledger that grows: events recorded one by one, each in one SQLite transaction that
/// appends its rows (log, entries, postings, with the chains continued from their
/// heads), rewrites the snapshot rows of the orders it touched and moves the heads, the
/// digest and the seal. A process killed at any moment leaves the ledger as it was
/// before the transaction or after it: `acsa verify` passes either way.
///
/// Opening one checks it as `acsa verify` does, then replays its log through the same
/// engine as `acsa run` (so an event recorded here is judged exactly as in a replay) up
/// to its clock: the last day processed. Events are dated on or after the clock; a
/// later date first moves the clock there, with the deadline processing of each day in
/// between. The path's write lock is held while it is open: no other acsa writes it.
public final class LiveLedger {
  public let path: String
  /// The ledger as opened (its framework, start and end).
  public let ledger: AuditedLedger
  let queue: DatabaseQueue
  let lock: WriteLock
  var engine: Engine
  var tail: LedgerTail
  /// Orders the log has seen, and the ids its events carry: later events may name them.
  public private(set) var orders: Set<String> = []
  public private(set) var eventIDs: Set<String> = []
  /// Where each append's writes go too, within its transaction and before the file
  /// commits: a ledger kept in PostgreSQL (`PostgresStore.apply`). If it throws, the
  /// append is rolled back here as well; the statements are the ones SQLite ran, with
  /// their values written in.
  public var mirror: (([String]) throws -> Void)?

  /// Opens `path` for appending. `verify`: check the ledger first (as `acsa verify`),
  /// and refuse it if anything is wrong; only a caller that has just written it may skip.
  public init(path: String, verify: Bool = true) throws {
    self.path = path
    lock = try WriteLock(path: path)
    // What a killed appender left is folded in (committed) or dropped (not) first.
    LedgerFile.recoverAppend(path, holdingLock: true)
    let ledger = try AuditedLedger(path: path)
    guard ledger.books.count == 2 else { throw LiveError.oneBook(path) }
    if verify {
      let inspection = try Inspection.run(ledger)
      guard inspection.problems.isEmpty else { throw LiveError.doesNotVerify(path, inspection.problems) }
    }
    self.ledger = ledger
    var config = Configuration()
    // As when a ledger is built: the rows are written parents first and verify checks
    // the whole.
    config.foreignKeysEnabled = false
    config.busyMode = .timeout(5)
    queue = try DatabaseQueue(path: path, configuration: config)
    try queue.writeWithoutTransaction { db in
      // Every commit durable before its answer, at one sync per commit: the write-ahead
      // log, synced in full. Readers (`acsa verify`, the live views) read the last commit
      // meanwhile. `close` folds the log back into the file.
      try db.execute(sql: "PRAGMA journal_mode = WAL")
      try db.execute(sql: "PRAGMA synchronous = FULL")
    }
    (engine, tail, orders, eventIDs) = try Self.resume(ledger, queue: queue)
  }

  /// The exercise's clock: the last day processed (its deadlines have passed).
  public var clock: Day { engine.clock ?? ledger.start }
  /// The ledger's digest as it stands.
  public var digest: String { tail.digest }
  /// The books as they stand (every order: nothing is pruned).
  public var books: [Book] { engine.result.books }
  public var result: RunResult { engine.result }

  /// What events written for this ledger may name (`ScenarioLoader.parseEvents`).
  public var eventContext: EventContext {
    EventContext(
      frameworkSource: ledger.info.meta["framework_source"] ?? "", frameworkFile: path + "#framework_source", orders: orders,
      eventIDs: eventIDs)
  }

  /// Records one event: the clock moves to its date first (deadline processing of each
  /// day in between), then the rules judge it, and its outcome (applied or refused, as
  /// in a replay) is logged; an expectation is evaluated. One transaction.
  public func record(_ event: ScenarioEvent) throws -> Appended {
    guard event.date >= clock else { throw LiveError.beforeClock(date: event.date, clock: clock) }
    guard event.date <= ledger.end else { throw LiveError.afterEnd(date: event.date, end: ledger.end) }
    let appended = try append { engine, sink in
      try engine.advance(to: event.date, into: &sink)
      try engine.submit(event, into: &sink)
    }
    if case .order(let terms) = event.action { orders.insert(terms.id) }
    if let id = event.id { eventIDs.insert(id) }
    return appended
  }

  /// Moves the clock to `day`, with the deadline processing of each day up to it. One
  /// transaction (which may write no event: the clock alone moves).
  public func advance(to day: Day) throws -> Appended {
    guard day >= clock else { throw LiveError.beforeClock(date: day, clock: clock) }
    guard day <= ledger.end else { throw LiveError.afterEnd(date: day, end: ledger.end) }
    return try append { engine, sink in try engine.advance(to: day, into: &sink) }
  }

  /// Runs `body` on the engine with a sink that writes into the ledger, in one
  /// transaction. If anything fails, the transaction is rolled back and the engine is
  /// rebuilt from the ledger as it stands (its state may have moved ahead of it).
  func append(_ body: (inout Engine, inout AppendSink) throws -> Void) throws -> Appended {
    var records: [EventRecord] = []
    var next: LedgerTail?
    do {
      try queue.writeWithoutTransaction { db in
        let writes = Writes()
        if mirror != nil {
          db.trace(options: .statement) { event in
            if case .statement(let statement) = event { writes.add(statement.expandedSQL) }
          }
        }
        defer { if mirror != nil { db.trace(options: .statement, nil) } }
        try db.inTransaction(.immediate) {
          let writer = try LedgerWriter.appending(to: db, framework: ledger.framework, tail: tail)
          var sink = AppendSink(writer: writer)
          try body(&engine, &sink)
          let result = engine.result
          next = try writer.finishAppend(books: result.books, refusedOrders: result.refusedOrders, clock: engine.clock)
          records = sink.records
          try mirror?(writes.statements)
          return .commit
        }
      }
    } catch {
      (engine, tail, orders, eventIDs) = try Self.resume(ledger, queue: queue)
      throw error
    }
    guard let next else { preconditionFailure("a committed append has its tail") }
    tail = next
    return Appended(records: records, digest: next.digest, clock: clock)
  }

  /// Closes the ledger and lets its lock go.
  /// Writes a copy of the ledger as it stands (its last commit) to `path`, a new file:
  /// one file, as `acsa run` writes them.
  public func backup(to path: String) throws {
    let destination = try DatabaseQueue(path: path)
    try queue.backup(to: destination)
    try destination.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
    try destination.close()
  }

  /// The file is one file again (its write-ahead log checkpointed and removed), as
  /// `acsa run` writes ledgers.
  /// If another process reads the ledger at that moment (SQLite cannot leave its
  /// write-ahead mode then), the log is checkpointed into the file and left empty: the
  /// ledger is whole all the same, and the next reader folds what is left in.
  public func close() throws {
    // The opening reader's connection first: SQLite leaves WAL mode only when this
    // connection is the database's last.
    try ledger.reader.queue.close()
    try queue.writeWithoutTransaction { db in
      do {
        try db.execute(sql: "PRAGMA journal_mode = DELETE")
      } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
        try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
      }
    }
    try queue.close()
    lock.release()
  }

  /// The engine as the ledger's log leaves it at its clock, the ledger's tail, the
  /// orders and event ids its log holds.
  static func resume(_ ledger: AuditedLedger, queue: DatabaseQueue) throws -> (Engine, LedgerTail, Set<String>, Set<String>) {
    let (events, tail) = try queue.read { db in
      (try LedgerReader.storedEvents(db), try LedgerTail.read(db, framework: ledger.framework))
    }
    var engine = Engine(scenario: ledger.frameworkScenario)
    var sink = ReplayCheck(path: ledger.path, logged: events.map(\.record))
    var orders = Set<String>()
    var ids = Set<String>()
    let parties = ledger.framework.partyIDs
    for e in events.map(\.record) where e.outcome != .system {
      guard let text = e.payload, let payload = try? EventCodec.decode(text) else {
        throw LiveError.logDoesNotReplay(ledger.path, seq: e.seq, "its payload does not decode")
      }
      let event = ScenarioEvent(
        date: e.date, id: e.eventID, books: e.books.sorted() == parties.sorted() ? nil : e.books, action: payload.originalAction,
        index: 0, location: nil)
      try engine.advance(to: e.date, into: &sink)
      try engine.submit(event, into: &sink)
      if case .order(let terms) = event.action { orders.insert(terms.id) }
      if let id = e.eventID { ids.insert(id) }
    }
    let clock = tail.clock.flatMap { Day(text: $0) } ?? ledger.end
    try engine.advance(to: clock, into: &sink)
    if sink.position < sink.logged.count {
      let e = sink.logged[sink.position]
      throw LiveError.logDoesNotReplay(ledger.path, seq: e.seq, "the log holds \(e.action) on \(e.date), which the rules do not give")
    }
    return (engine, tail, orders, ids)
  }
}

/// The writes SQLite runs in an append (each with its values written in), for a mirror.
final class Writes {
  private(set) var statements: [String] = []

  func add(_ sql: String) {
    let head = sql.prefix(7).uppercased()
    if head.hasPrefix("INSERT") || head.hasPrefix("UPDATE") || head.hasPrefix("DELETE") { statements.append(sql) }
  }
}

/// The sink of an append: the writer, and the events it logs.
struct AppendSink: RunSink {
  let writer: LedgerWriter
  var records: [EventRecord] = []

  mutating func record(_ event: EventRecord) throws {
    records.append(event)
    try writer.record(event)
  }

  mutating func post(_ entries: [JournalEntry]) throws { try writer.post(entries) }
}

/// Checks that the engine, given the log's events, gives the log again, event by event.
struct ReplayCheck: RunSink {
  let path: String
  let logged: [EventRecord]
  var position = 0

  mutating func record(_ e: EventRecord) throws {
    guard position < logged.count else {
      throw LiveError.logDoesNotReplay(path, seq: e.seq, "the rules give \(e.action) on \(e.date), which the log does not hold")
    }
    let l = logged[position]
    position += 1
    guard l.seq == e.seq, l.date == e.date, l.action == e.action, l.outcome == e.outcome, l.code == e.code, l.books == e.books,
      l.payload == e.payload
    else {
      throw LiveError.logDoesNotReplay(
        path, seq: l.seq, "logged as \(l.action) \(l.outcome.rawValue) on \(l.date), the rules give \(e.action) \(e.outcome.rawValue)")
    }
  }

  mutating func post(_ entries: [JournalEntry]) throws {}
}

/// The start of a live exercise from a scenario: its scripted events are played up to
/// the clock, which they may not pass, and it has no generators (a live ledger holds
/// what has happened; its later events come from the players).
public enum LiveStart {
  /// Why a scenario cannot start a live exercise at a clock.
  public struct Problem: Error, CustomStringConvertible, Sendable {
    public let description: String
  }

  /// `clock`, once checked against `scenario`: within its period, after every scripted
  /// event; no generators.
  public static func check(_ scenario: Scenario, clock: Day) throws -> Day {
    guard clock >= scenario.start, clock <= scenario.end else {
      throw Problem(description: "\(scenario.file): the clock \(clock) is outside the scenario period \(scenario.start)..\(scenario.end)")
    }
    if !scenario.generators.isEmpty {
      throw Problem(
        description:
          "\(scenario.file): a live exercise cannot start from a scenario with generators (they draw events up to its end, and a live ledger holds only what has happened); remove `generators`, or write them out with `acsa expand` and keep the events up to \(clock)"
      )
    }
    let late = scenario.events.filter { $0.date > clock }
    if let first = late.min(by: { ($0.date, $0.index) < ($1.date, $1.index) }) {
      throw Problem(
        description:
          "\(scenario.file)\(first.location.map { ":\($0.line):\($0.column)" } ?? ""): \(late.count) scripted event\(late.count == 1 ? " is" : "s are") dated after the clock \(clock) (the first on \(first.date)); a live exercise starts from what has happened: move the clock, or leave them to the players"
      )
    }
    return clock
  }

  /// The clock a scenario starts a live exercise at: the day of its last scripted event,
  /// or its start.
  public static func defaultClock(_ scenario: Scenario) -> Day {
    scenario.events.map(\.date).max() ?? scenario.start
  }
}
