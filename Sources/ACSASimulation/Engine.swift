import ACSADomain
import ACSAScenario

/// The result of replaying a scenario.
public struct RunResult: Sendable {
  public let scenario: Scenario
  /// The party books, in the scenario's party order.
  public let books: [Book]
  /// Orders whose own `order` event was refused.
  public let refusedOrders: Set<String>
  public let applied: Int
  public let refusals: [EventRecord]
  public let systemEvents: Int
  public let expectations: [ExpectationResult]

  public var failedExpectations: [ExpectationResult] { expectations.filter { !$0.passed } }

  public func book(_ party: PartyID) -> Book? { books.first { $0.owner == party } }

  public func status(of order: String, in party: PartyID) -> OrderStatus {
    guard let index = books.firstIndex(where: { $0.owner == party }) else { return .unrecorded }
    let other = books.indices.contains(1 - index) ? books[1 - index] : nil
    return books[index].status(of: order, other: other, refused: refusedOrders.contains(order))
  }
}

/// Replays a scenario day by day: deadline processing, then the day's events in file
/// order, then the day's expectations, recording everything in the sink.
public struct Engine {
  public let scenario: Scenario
  /// What really happened (every applied event), against which refusals are judged.
  /// While every event has been recorded in both books it is the same as the first
  /// party's book, which then stands for it (`truthIsShared`); the first event recorded
  /// in one book only gives it a life of its own.
  var truth: Book
  var truthIsShared = true
  var books: [Book]
  var refusedOrders: Set<String> = []
  var seq = 0
  var applied = 0
  var systemEvents = 0
  var refusals: [EventRecord] = []
  var expectations: [ExpectationResult] = []
  /// Outcome of each event with an `id`, for `expect refused`.
  var outcomes: [String: (outcome: EventRecord.Outcome, code: String?, date: Day)] = [:]
  /// Whether the sink wants messages and event records.
  var keepsText = true
  /// Whether finished orders are pruned from the books (a ledger run).
  var prunes = false
  /// Orders that a scripted event names (never pruned).
  var scriptedOrders: Set<String> = []
  /// The last date of an `expect findings`, if any: pruned orders' findings are kept
  /// (their onsets) only while one may still count them.
  var lastFindingsExpect: Day?
  /// The findings of pruned orders: for each code and book (nil: any book), how many
  /// orders show it from each date on (ordinal).
  var prunedFindings: [PrunedFindingKey: [Int: Int]] = [:]
  /// How many orders were pruned.
  public private(set) var pruned = 0

  /// Events added to the scenario's (the generated ones), indexed after them.
  let extraEvents: [ScenarioEvent]
  /// Generated events drawn as the run goes (instead of, or besides, `extraEvents`).
  var stream: GeneratedStream

  /// Whether only the first party's book is kept (`mirrored`).
  let firstBookOnly: Bool

  /// `mirrored`: keep only the first party's book, which then stands for both. Allowed
  /// only when every event is recorded in both books (`mirrors(_:generated:)`): the two
  /// books then hold the same orders and obligations, seen from either side. Expectations
  /// are not evaluated (they compare the two books); a totals sink that reads neither
  /// (Monte Carlo) loses nothing.
  public init(
    scenario: Scenario, generated: [ScenarioEvent] = [], stream: GeneratedStream = GeneratedStream(), mirrored: Bool = false
  ) {
    self.scenario = scenario
    extraEvents = generated
    self.stream = stream
    truth = Book(owner: nil, framework: scenario.framework)
    firstBookOnly = mirrored
    books = (mirrored ? [scenario.framework.partyIDs[0]] : scenario.framework.partyIDs).map {
      Book(owner: $0, framework: scenario.framework)
    }
  }

  /// Whether every event is recorded in both books, so that one book mirrors the other.
  public static func mirrors(_ scenario: Scenario, generated: [ScenarioEvent]) -> Bool {
    let both = Set(scenario.framework.partyIDs)
    return (scenario.events + generated).allSatisfy { e in e.books.map { Set($0) == both } ?? true }
  }

  /// Replays every event into `sink`.
  public static func run<S: RunSink>(
    _ scenario: Scenario, generated: [ScenarioEvent] = [], mirrored: Bool = false, into sink: inout S,
    progress: ((Day) -> Void)? = nil
  ) throws -> RunResult {
    var engine = Engine(scenario: scenario, generated: generated, mirrored: mirrored)
    try engine.replay(into: &sink, progress: progress)
    return engine.result
  }

  /// Replays every event into `sink`, the generated ones drawn from `stream` as they
  /// fall due.
  public static func run<S: RunSink>(
    _ scenario: Scenario, stream: GeneratedStream, into sink: inout S, progress: ((Day) -> Void)? = nil
  ) throws -> RunResult {
    var engine = Engine(scenario: scenario, stream: stream)
    try engine.replay(into: &sink, progress: progress)
    return engine.result
  }

  public var result: RunResult {
    RunResult(
      scenario: scenario, books: books, refusedOrders: refusedOrders, applied: applied,
      refusals: refusals, systemEvents: systemEvents, expectations: expectations)
  }

  mutating func nextSeq() -> Int {
    seq += 1
    return seq
  }

  /// Replays every event into `sink`: up to the scenario's end, or up to `through` (a
  /// live exercise's ledger is written up to its clock: deadlines after it are not
  /// processed yet).
  public mutating func replay<S: RunSink>(into sink: inout S, through: Day? = nil, progress: ((Day) -> Void)? = nil) throws {
    prepare(for: sink)
    if prunes {
      for e in scenario.events {
        if let id = e.action.orderID { scriptedOrders.insert(id) }
        switch e.action {
        case .expect(.status(let order, _)): scriptedOrders.insert(order)
        case .expect(.findings): lastFindingsExpect = max(lastFindingsExpect ?? e.date, e.date)
        default: break
        }
      }
    }
    let last = min(scenario.end, through ?? scenario.end)
    // The scripted and generated events in (date, index) order, sorted through small
    // keys: no second copy of the events (a million generated orders are three million
    // events), and no copying of events while sorting; merged with the stream.
    var feed = EventFeed(scripted: scenario.events, generated: extraEvents, stream: stream)
    stream = GeneratedStream()
    var pending = feed.next()
    while let first = pending, first.event.date <= last {
      let day = first.event.date
      try advance(to: day, into: &sink, progress: progress)
      var expects: [ScenarioEvent] = []
      while let current = pending, current.event.date == day {
        pending = feed.next()
        if case .expect = current.event.action {
          expects.append(current.event)
        } else {
          try process(current.event, into: &sink)
          if prunes && current.lastOfOrder, let id = current.event.action.orderID { try prune(id, on: day, into: &sink) }
        }
      }
      // (A mirrored run keeps one book: the expectations, which compare the two, are not
      // evaluated.)
      if !firstBookOnly {
        for event in expects { try evaluate(event, into: &sink) }
      }
      progress?(day)
    }
    try advance(to: last, into: &sink, progress: progress)
  }

  /// Takes the sink's wishes (text or totals only, pruning) before the first event.
  mutating func prepare<S: RunSink>(for sink: S) {
    keepsText = sink.keepsText
    for b in books.indices { books[b].recordsText = keepsText }
    prunes = sink.prunesOrders
  }

  /// The last day processed: its deadlines have passed, its events may follow (nil
  /// before the first day).
  public private(set) var clock: Day?

  /// Moves the clock to `day` (never back): deadline processing runs on each day after
  /// a deadline, in order, as the days pass, up to and including `day`.
  public mutating func advance<S: RunSink>(to day: Day, into sink: inout S, progress: ((Day) -> Void)? = nil) throws {
    while let next = nextDeadlineDay(), next <= day {
      try processDeadlines(on: next, into: &sink)
      progress?(next)
    }
    if clock.map({ $0 < day }) ?? true { clock = day }
  }

  /// The first day after a deadline still pending in any book kept.
  func nextDeadlineDay() -> Day? {
    var next: Day?
    if !truthIsShared, let deadline = truth.nextDeadline { next = deadline.adding(days: 1) }
    for b in books.indices {
      guard let deadline = books[b].nextDeadline else { continue }
      let day = deadline.adding(days: 1)
      if next == nil || day < next! { next = day }
    }
    return next
  }

  /// Processes one more event of a live exercise, dated on the clock's day (after
  /// `advance(to:)` its date): applied or refused by the rules, or, for an expectation,
  /// evaluated. Nothing is pruned.
  public mutating func submit<S: RunSink>(_ event: ScenarioEvent, into sink: inout S) throws {
    precondition(clock == event.date, "an event is submitted on the clock's day")
    prepare(for: sink)
    if case .expect = event.action {
      try evaluate(event, into: &sink)
    } else {
      try process(event, into: &sink)
    }
  }

  // MARK: - Pruning

  /// Drops an order from the books once nothing more can happen to it: no event names it
  /// any more, and nothing is owed on it in any book (so no deadline, conversion or
  /// offset can reach it). Its snapshot is written first; its findings are kept as the
  /// dates from which they show, for a later `expect findings`.
  mutating func prune<S: RunSink>(_ id: String, on day: Day, into sink: inout S) throws {
    guard !scriptedOrders.contains(id), books.contains(where: { $0.orders.index(forKey: id) != nil }) else { return }
    guard !books.contains(where: { $0.owesAnything(id) }), truthIsShared || !truth.owesAnything(id) else { return }
    try sink.writeOrder(id, books: books, refused: refusedOrders.contains(id))
    if let last = lastFindingsExpect, last >= day {
      let onsets = FindingRules.onsets(id, books: books, from: day)
      for (code, book, onset) in onsets {
        prunedFindings[PrunedFindingKey(code: code, book: book), default: [:]][onset.ordinal, default: 0] += 1
      }
      // Counted once per order over both books: from the earliest onset.
      var any: [FindingCode: Day] = [:]
      for (code, _, onset) in onsets { any[code] = min(any[code] ?? onset, onset) }
      for (code, onset) in any { prunedFindings[PrunedFindingKey(code: code, book: nil), default: [:]][onset.ordinal, default: 0] += 1 }
    }
    for b in books.indices { books[b].prune(id) }
    if !truthIsShared { truth.prune(id) }
    pruned += 1
  }

  /// How many pruned orders show each finding as of `day` (in `book` only, or in either).
  func prunedFindingCounts(asOf day: Day, book: PartyID?) -> [FindingCode: Int] {
    var counts: [FindingCode: Int] = [:]
    for (key, onsets) in prunedFindings where key.book == book {
      for (onset, n) in onsets where onset <= day.ordinal { counts[key.code, default: 0] += n }
    }
    return counts
  }

  // MARK: - Deadlines

  mutating func processDeadlines<S: RunSink>(on day: Day, into sink: inout S) throws {
    let convert = scenario.framework.agreement.deadlinePolicy == .convert
    if !truthIsShared {
      let expired = truth.takeExpired(before: day)
      if convert {
        for group in expired { truth.convertExpired(group.ids, order: group.order, date: group.deadline.adding(days: 1), seq: 0) }
        _ = truth.drainJournal()
      }
    }
    for b in books.indices {
      let groups = books[b].takeExpired(before: day)
      guard convert else { continue }
      for group in groups {
        let s = nextSeq()
        let date = group.deadline.adding(days: 1)
        let owner = books[b].owner ?? ""
        let message =
          "deadline \(group.deadline) passed: the unsettled remainder of \(group.order) becomes a cash claim (deadline_policy: convert)"
        books[b].convertExpired(group.ids, order: group.order, date: date, seq: s)
        systemEvents += 1
        try sink.record(
          EventRecord(
            seq: s, date: date, eventID: nil, line: nil, action: "deadline_convert", orderID: group.order, books: [owner], outcome: .system,
            code: nil, message: message,
            payload: EventCodec.encode(EventPayload(action: .convert(order: group.order), converted: group.ids))))
        if let overflow = books[b].overflow { throw AmountOverflow(description: overflow) }
        try sink.post(books[b].drainJournal())
      }
    }
  }

  // MARK: - Events

  mutating func process<S: RunSink>(_ event: ScenarioEvent, into sink: inout S) throws {
    let s = nextSeq()
    let orderID = event.action.orderID
    let bookIDs = event.books ?? scenario.framework.partyIDs
    if truthIsShared && event.books.map({ Set($0) != Set(scenario.framework.partyIDs) }) ?? false {
      // The books are about to differ: what really happened goes on apart from them.
      truth = books[0].copy(owner: nil)
      truthIsShared = false
    }
    // Judged on the book in place (through the buffer: an array element passed as an
    // argument would be copied, a retain of each of its stored properties).
    let verdict =
      truthIsShared
      ? books.withUnsafeBufferPointer { Rules.judge(event.action, date: event.date, truth: $0[0], refusedOrders: refusedOrders) }
      : Rules.judge(event.action, date: event.date, truth: truth, refusedOrders: refusedOrders)
    switch verdict {
    case .failure(let refusal):
      if case .order(let terms) = event.action { refusedOrders.insert(terms.id) }
      let record = EventRecord(
        seq: s, date: event.date, eventID: event.id, line: event.location?.line, action: event.action.name,
        orderID: orderID, books: bookIDs, outcome: .refused, code: refusal.code.rawValue, message: refusal.message,
        payload: EventCodec.encode(EventPayload(action: event.action)))
      refusals.append(record)
      if let id = event.id { outcomes[id] = (.refused, refusal.code.rawValue, event.date) }
      try sink.record(record)
    case .success(let accepted):
      if !truthIsShared {
        truth.apply(accepted.action, date: event.date, seq: s, template: nil, offsetShares: accepted.offsetShares, paid: accepted.paid)
        _ = truth.drainJournal()
      }
      // The order as it really stands, for a book that missed its `order` event (built
      // only when a book needs it).
      var realOrder: OrderTemplate?
      if let orderID,
        books.indices.contains(where: { bookIDs.contains(books[$0].owner ?? "") && books[$0].orders.index(forKey: orderID) == nil }),
        // (Read in place: `truthIsShared ? books[0] : truth` would copy a whole book.)
        let rec = truthIsShared ? books[0].orders[orderID] : truth.orders[orderID]
      {
        realOrder = OrderTemplate(terms: rec.terms, date: rec.date, signed: rec.signed)
      }
      applied += 1
      if let id = event.id { outcomes[id] = (.applied, nil, event.date) }
      // The event's text, built once: its entry in each book that has the order carries
      // the same memo and payload.
      let payload = keepsText ? EventCodec.encode(accepted.payload) : ""
      let text = keepsText ? (memo: Book.memo(accepted.action, paid: accepted.paid), payload: payload) : nil
      try sink.record(
        EventRecord(
          seq: s, date: event.date, eventID: event.id, line: event.location?.line, action: event.action.name,
          orderID: orderID, books: bookIDs, outcome: .applied, code: nil,
          message: keepsText ? Narration.describe(accepted, framework: scenario.framework) : "",
          payload: payload))
      for b in books.indices where bookIDs.contains(books[b].owner ?? "") {
        books[b].apply(
          accepted.action, date: event.date, seq: s, template: realOrder, offsetShares: accepted.offsetShares, paid: accepted.paid,
          text: text)
        if let overflow = books[b].overflow { throw AmountOverflow(description: overflow) }
        try sink.post(books[b].drainJournal())
      }
    }
  }

  // MARK: - Expectations

  mutating func evaluate<S: RunSink>(_ event: ScenarioEvent, into sink: inout S) throws {
    guard case .expect(let expectation) = event.action else { return }
    let checked = event.books ?? scenario.framework.partyIDs
    let result: ExpectationResult
    func make(_ subject: String, _ expected: String, _ actual: [(PartyID, String)], _ passed: Bool) -> ExpectationResult {
      ExpectationResult(
        date: event.date, eventID: event.id, line: event.location?.line, subject: subject, expected: expected,
        actual: actual.map { (book: $0.0, value: $0.1) }, passed: passed)
    }
    switch expectation {
    case .outstanding(let debtor, let creditor, let what):
      let (kind, commodity, expectedUnits, render): (ObligationKind, String, Int64, (Int64) -> String) =
        switch what {
        case .cash(let m): (.cash, m.currency.code, m.minor, { Money($0, m.currency).description })
        case .equalValue(let m): (.equalValue, m.currency.code, m.minor, { Money($0, m.currency).description })
        case .inKind(let item, let q): (.inKind, item, q.milli, { "\(Quantity(milli: $0)) \(item)" })
        }
      var actual: [(PartyID, String)] = []
      var passed = true
      for book in books where checked.contains(book.owner ?? "") {
        let units = book.outstanding(debtor: debtor, creditor: creditor, kind: kind, commodity: commodity)
        actual.append((book.owner ?? "", render(units)))
        passed = passed && units == expectedUnits
      }
      result = make("outstanding \(debtor) owes \(creditor) \(kind.rawValue)", render(expectedUnits), actual, passed)
    case .status(let order, let status):
      var actual: [(PartyID, String)] = []
      var passed = true
      for (index, book) in books.enumerated() where checked.contains(book.owner ?? "") {
        let other = books.indices.contains(1 - index) ? books[1 - index] : nil
        let s = book.status(of: order, other: other, refused: refusedOrders.contains(order))
        actual.append((book.owner ?? "", s.rawValue))
        passed = passed && s == status
      }
      result = make("status of \(order)", status.rawValue, actual, passed)
    case .refused(let eventID, let code):
      let actual: String
      switch outcomes[eventID] {
      case nil: actual = "not yet processed"
      case let o?: actual = o.outcome == .refused ? "refused \(o.code ?? "")" : "applied"
      }
      result = make("event \(eventID)", "refused \(code.rawValue)", [("", actual)], actual == "refused \(code.rawValue)")
    case .findings(let expected):
      let findings = FindingRules.findings(books: books, asOf: event.date)
      let only = event.books?.count == 1 ? event.books?.first : nil
      var counts = FindingRules.counts(findings, book: only)
      for (code, n) in prunedFindingCounts(asOf: event.date, book: only) { counts[code, default: 0] += n }
      let codes = expected.keys.sorted()
      let expectedText = codes.map { "\($0.rawValue): \(expected[$0]!)" }.joined(separator: ", ")
      let actualText = codes.map { "\($0.rawValue): \(counts[$0] ?? 0)" }.joined(separator: ", ")
      let passed = codes.allSatisfy { (counts[$0] ?? 0) == expected[$0] }
      result = make("findings", expectedText, [(only ?? "", actualText)], passed)
    }
    expectations.append(result)
    let s = nextSeq()
    try sink.record(
      EventRecord(
        seq: s, date: event.date, eventID: event.id, line: event.location?.line, action: "expect", orderID: event.action.orderID,
        books: checked, outcome: result.passed ? .expectPassed : .expectFailed, code: nil,
        message: "\(result.subject): expected \(result.expected), actual \(result.actualSummary)",
        // What it checks, so that the exercise can be written back as a scenario (not chained).
        payload: keepsText ? EventCodec.encode(EventPayload(action: event.action)) : nil))
  }
}

/// The events of a run in (date, index) order: the scripted ones and those given as an
/// array, sorted through small keys, merged with the generated stream.
struct EventFeed {
  let scripted: [ScenarioEvent]
  let generated: [ScenarioEvent]
  let order: [Int]
  var position = 0
  var stream: GeneratedStream
  var streamed: GeneratedEvent?

  init(scripted: [ScenarioEvent], generated: [ScenarioEvent], stream: GeneratedStream) {
    self.scripted = scripted
    self.generated = generated
    var keys: [EventKey] = []
    keys.reserveCapacity(scripted.count + generated.count)
    for (k, e) in scripted.enumerated() { keys.append(EventKey(date: e.date.ordinal, index: e.index, position: k)) }
    for (k, e) in generated.enumerated() { keys.append(EventKey(date: e.date.ordinal, index: e.index, position: scripted.count + k)) }
    keys.sort { a, b in a.date != b.date ? a.date < b.date : a.index != b.index ? a.index < b.index : a.position < b.position }
    order = keys.map(\.position)
    self.stream = stream
    streamed = self.stream.next()
  }

  /// The next event; for a streamed one, whether it is its order's last generated event.
  mutating func next() -> GeneratedEvent? {
    if position < order.count {
      let k = order[position]
      let key =
        k < scripted.count
        ? (scripted[k].date, scripted[k].index) : (generated[k - scripted.count].date, generated[k - scripted.count].index)
      if streamed.map({ ($0.event.date, $0.event.index) < key }) != true {
        position += 1
        return GeneratedEvent(event: k < scripted.count ? scripted[k] : generated[k - scripted.count], lastOfOrder: false)
      }
    }
    guard streamed != nil else { return nil }
    let s = streamed.take()
    streamed = stream.next()
    return s
  }
}

struct PrunedFindingKey: Hashable {
  let code: FindingCode
  /// nil: in either book.
  let book: PartyID?
}

/// Where an event comes in the replay: by date, then index (file order, generated events
/// after scripted ones), then position.
private struct EventKey {
  let date: Int
  let index: Int
  let position: Int
}
