import ACSADomain
import ACSALedger
import ACSALive
import ACSAPostgres
import ACSAScenario
import ACSASimulation
import Foundation

/// Why a submitted event was not recorded (nothing was written).
public enum SubmissionError: Error, Sendable, CustomStringConvertible {
  /// Bad input: each problem names its field (400).
  case badInput([FieldProblem])
  /// Not this account's to do (403).
  case forbidden(String)
  /// The ledger refused to append (its clock, its end): 409.
  case conflict(code: String, String)
  /// The ledger's store failed (PostgreSQL unreachable, say): nothing was recorded (503).
  case unavailable(String)

  public var description: String {
    switch self {
    case .badInput(let problems): problems.map(\.description).joined(separator: "; ")
    case .forbidden(let why): why
    case .conflict(_, let why): why
    case .unavailable(let why): why
    }
  }
}

/// A problem with one field of a request: the field as the form names it
/// (`pay.amount`), and what is wrong, in the scenario reader's words.
public struct FieldProblem: Sendable, CustomStringConvertible, Codable, Equatable {
  public let field: String
  public let message: String
  public var description: String { field.isEmpty ? message : "\(field): \(message)" }
}

/// What became of a submitted event.
public enum Submission: Sendable {
  /// Logged (applied, refused, or an expectation), with the deadline conversions of the
  /// days the clock moved through before it.
  case recorded(Appended)
  /// A signature held until the other party signs too (an order binds once both have).
  case waiting(order: String, signed: PartyID, waitingFor: PartyID)
}

/// What the live views show, read at one moment.
public struct Snapshot: Sendable {
  public let clock: Day
  public let digest: String
  public let books: [Book]
  public let refusedOrders: Set<String>
  /// The last events logged, newest last.
  public let recent: [EventRecord]
  /// Signatures waiting for the other party's: order, party, signatory.
  public let pending: [String: [PartyID: String]]
  public let events: Int
}

/// A change of the ledger, as the live views are told of it.
public struct Change: Sendable, Codable {
  public let seq: Int
  public let digest: String
  public let clock: String
}

/// The live exercise: its ledger, owned by one serial queue (appends are SQLite
/// transactions that wait for the disk: they never run on the server's own threads),
/// the signatures waiting for their other half, and the subscribers of the live views.
public final class Exercise: @unchecked Sendable {
  // Everything below marked "queue" is touched on `queue` only.
  private let queue = DispatchQueue(label: "acsa.exercise")
  /// queue
  private let live: LiveLedger
  /// queue
  private var recent: [EventRecord] = []
  /// queue
  private var pending: [String: [PartyID: String]] = [:]
  /// queue
  private var lastSeq = 0

  public let path: String
  /// The ledger as its users name it: the file, or the PostgreSQL URL without its password.
  public let name: String
  public let framework: Framework
  public let scenarioName: String
  public let start: Day
  public let end: Day
  let changes = Broadcaster<Change>()

  /// Runs once the ledger is closed (a PostgreSQL store's connection and working copy).
  private let onClose: @Sendable () -> Void

  public init(_ live: LiveLedger, name: String? = nil, onClose: @escaping @Sendable () -> Void = {}) throws {
    self.live = live
    self.onClose = onClose
    path = live.path
    self.name = name ?? live.path
    framework = live.ledger.framework
    scenarioName = live.ledger.info.scenarioName
    start = live.ledger.start
    end = live.ledger.end
    let events = try live.ledger.reader.storedEvents().map(\.record)
    recent = Array(events.suffix(Self.recentLimit))
    lastSeq = events.last?.seq ?? 0
  }

  static let recentLimit = 200

  /// Runs `body` on the ledger's queue.
  private func onQueue<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      queue.async { continuation.resume(with: Result { try body() }) }
    }
  }

  /// Reads one event written as a scenario's `events` entry (YAML or JSON: one mapping)
  /// and records it for `role`, if it is theirs to record. `file` names the text in
  /// messages. Nothing is written unless it is recorded.
  public func submit(text: String, file: String, role: Role) async throws -> Submission {
    let outcome = try await onQueue { try self.submitOnQueue(text: text, file: file, role: role) }
    if case .recorded(let appended) = outcome, let last = appended.records.last {
      await changes.publish(Change(seq: last.seq, digest: appended.digest, clock: appended.clock.description))
    }
    return outcome
  }

  private func submitOnQueue(text: String, file: String, role: Role) throws -> Submission {
    let events: [ScenarioEvent]
    do {
      events = try ScenarioLoader.parseEvents(text: text, file: file, context: live.eventContext)
    } catch {
      throw SubmissionError.badInput(error.diagnostics.map(Self.fieldProblem))
    }
    guard events.count == 1, let event = events.first else {
      throw SubmissionError.badInput([FieldProblem(field: "", message: "one event per request (a mapping with a date and one action)")])
    }
    guard event.date == live.clock else {
      throw SubmissionError.badInput([
        FieldProblem(
          field: "date",
          message: "events are dated by the exercise's clock, which stands at \(live.clock); control moves it (\(event.date) given)")
      ])
    }
    let (provider, receiver) = parties(of: event.action, for: role)
    if case .team(let party) = role {
      if let books = event.books, Set(books) != Set(framework.partyIDs) {
        throw SubmissionError.forbidden("recording an event in one book only (a lapse) is control's to do")
      }
      if let why = Permissions.refusal(role: role, action: event.action, provider: provider, receiver: receiver) {
        throw SubmissionError.forbidden(why)
      }
      if case .sign(let order, let signedBy) = event.action {
        return try sign(order: order, party: party, signatory: signedBy[party] ?? "", event: event)
      }
    }
    return .recorded(try record(event))
  }

  /// A team's signature: recorded with the other party's when that one is waiting,
  /// else held until it comes.
  private func sign(order: String, party: PartyID, signatory: String, event: ScenarioEvent) throws -> Submission {
    guard let other = framework.partyIDs.first(where: { $0 != party }) else { return .recorded(try record(event)) }
    guard let theirs = pending[order]?[other] else {
      pending[order, default: [:]][party] = signatory
      return .waiting(order: order, signed: party, waitingFor: other)
    }
    var signedBy: [PartyID: String] = [:]
    if !signatory.isEmpty { signedBy[party] = signatory }
    if !theirs.isEmpty { signedBy[other] = theirs }
    let both = ScenarioEvent(
      date: event.date, id: event.id, books: nil, action: .sign(order: order, signedBy: signedBy), index: 0, location: event.location)
    let appended = try record(both)
    pending[order] = nil
    return .recorded(appended)
  }

  private func record(_ event: ScenarioEvent) throws -> Appended {
    let appended: Appended
    do {
      appended = try live.record(event)
    } catch let e as LiveError {
      throw SubmissionError.conflict(code: e.code, e.description)
    } catch let e as PostgresStoreError {
      throw SubmissionError.unavailable("the ledger's store refused the event, which is not recorded: \(e.description)")
    }
    keep(appended)
    return appended
  }

  private func keep(_ appended: Appended) {
    recent += appended.records
    if recent.count > Self.recentLimit { recent.removeFirst(recent.count - Self.recentLimit) }
    lastSeq = appended.records.last?.seq ?? lastSeq
  }

  /// The provider's and receiver's parties of the order an action is about: from its
  /// units for an order, else from the record of the acting team's book (any book, for
  /// control). nil when no such book holds it.
  private func parties(of action: Action, for role: Role) -> (PartyID?, PartyID?) {
    if case .order(let terms) = action {
      return (framework.units[terms.provider]?.party, framework.units[terms.receiver]?.party)
    }
    guard let id = action.orderID else { return (nil, nil) }
    for book in live.books {
      if case .team(let party) = role, book.owner != party { continue }
      if let rec = book.orders[id] { return (rec.provider, rec.receiver) }
    }
    return (nil, nil)
  }

  /// Moves the clock to `day` (control), with the deadline processing of each day.
  public func advance(to day: Day) async throws -> Appended {
    let appended = try await onQueue { () throws -> Appended in
      do {
        let appended = try self.live.advance(to: day)
        self.keep(appended)
        return appended
      } catch let e as LiveError {
        throw SubmissionError.conflict(code: e.code, e.description)
      } catch let e as PostgresStoreError {
        throw SubmissionError.unavailable("the ledger's store refused the move, which is not recorded: \(e.description)")
      }
    }
    await changes.publish(Change(seq: appended.records.last?.seq ?? 0, digest: appended.digest, clock: appended.clock.description))
    return appended
  }

  public func snapshot() async throws -> Snapshot {
    try await onQueue {
      let result = self.live.result
      return Snapshot(
        clock: self.live.clock, digest: self.live.digest, books: result.books, refusedOrders: result.refusedOrders, recent: self.recent,
        pending: self.pending, events: self.lastSeq)
    }
  }

  /// A copy of the ledger as it stands (SQLite's backup of the last commit), for a
  /// download.
  public func copyLedger(to path: String) async throws {
    try await onQueue { try self.live.backup(to: path) }
  }

  /// Closes the ledger (its log folded back into the file).
  public func close() async throws {
    await changes.finish()
    defer { onClose() }
    try await onQueue { try self.live.close() }
  }

  /// A scenario reader's diagnostic as a field problem: its path, and the rest. A key
  /// that is missing, unknown or given twice is the field it would be
  /// (`pay: missing required key 'order'` is about `pay.order`).
  static func fieldProblem(_ d: Diagnostic) -> FieldProblem {
    func clean(_ path: Substring) -> String {
      var field = String(path)
      if field.hasPrefix("[0].") { field.removeFirst(4) } else if field == "[0]" { field = "" }
      return field
    }
    func child(_ path: String, _ key: Substring) -> String { path.isEmpty || path == "top level" ? String(key) : path + "." + key }
    let message = d.message
    // "unknown key 'colour' in pay; ..." and "duplicate key 'x' in pay".
    for form in ["unknown key '", "duplicate key '"] where message.hasPrefix(form) {
      let rest = message.dropFirst(form.count)
      guard let quote = rest.firstIndex(of: "'") else { break }
      let key = rest[..<quote]
      let after = rest[rest.index(after: quote)...]
      var path = ""
      if after.hasPrefix(" in ") {
        path = clean(after.dropFirst(4).prefix { $0 != ";" && $0 != " " })
      }
      return FieldProblem(field: child(path, key), message: message)
    }
    // "pay.amount: ..." (one event) or "[0].pay.amount: ..." (a list).
    if let colon = message.range(of: ": "), !message[..<colon.lowerBound].contains(" ") || message.hasPrefix("top level: ") {
      let path = clean(message[..<colon.lowerBound])
      let text = message[colon.upperBound...]
      let missing = "missing required key '"
      if text.hasPrefix(missing), text.hasSuffix("'") {
        return FieldProblem(field: child(path, text.dropFirst(missing.count).dropLast()), message: "missing (required)")
      }
      return FieldProblem(field: path == "top level" ? "" : path, message: String(text))
    }
    return FieldProblem(field: "", message: d.line > 0 ? "line \(d.line), column \(d.column): \(message)" : message)
  }
}

/// Hands each published value to every current subscriber.
actor Broadcaster<Value: Sendable> {
  private var subscribers: [UUID: AsyncStream<Value>.Continuation] = [:]
  private var finished = false

  func subscribe() -> AsyncStream<Value> {
    let (stream, continuation) = AsyncStream<Value>.makeStream(bufferingPolicy: .bufferingNewest(8))
    if finished {
      continuation.finish()
      return stream
    }
    let id = UUID()
    subscribers[id] = continuation
    continuation.onTermination = { _ in Task { await self.remove(id) } }
    return stream
  }

  private func remove(_ id: UUID) { subscribers[id] = nil }

  func publish(_ value: Value) {
    for c in subscribers.values { c.yield(value) }
  }

  func finish() {
    finished = true
    for c in subscribers.values { c.finish() }
    subscribers = [:]
  }

  var count: Int { subscribers.count }
}
