import ACSADomain
import ACSAScenario

/// A narrated replay of a scenario, day by day, for instructors and newcomers: what
/// `acsa explain` prints. Each event in plain language, each refusal with its rule and
/// where the rule comes from, each deadline conversion, each expectation, what each book
/// shows owed at the end of each day with activity, and what an auditor would flag, on
/// the day it arises.
///
/// It is read off an ordinary run of the `Engine` (through a sink that keeps every
/// record) and the books at its end: findings are judged from dated facts, so the books
/// at the end of a run give the findings of any earlier day.
public struct Walkthrough: Sendable {
  public enum StepKind: String, Sendable, Codable {
    /// An event accepted and recorded.
    case applied
    /// An event refused: nothing of it entered either book.
    case refused
    /// A deadline conversion, done by the simulator itself.
    case deadline
    case expectationPassed = "expectation_passed"
    case expectationFailed = "expectation_failed"
    /// A finding an auditor would now report.
    case finding
    /// A finding that no longer applies (something overdue was settled, the books agree again).
    case findingCleared = "finding_cleared"
  }

  /// One thing that happened, narrated.
  public struct Step: Sendable {
    public let kind: StepKind
    /// The event's place in the ledger's log (nil for findings).
    public let seq: Int?
    public let eventID: String?
    /// The event's line in the scenario file (nil for generated events, conversions, findings).
    public let line: Int?
    /// The action (`order`, `deliver`..., `deadline_convert`, `expect`), nil for findings.
    public let action: String?
    public let order: String?
    /// The books that recorded it, or that show the finding.
    public let books: [PartyID]
    /// The refusal or finding code.
    public let code: String?
    /// What happened, in plain language.
    public let text: String
    /// Why: the engine's reason for a refusal, the finding's explanation, an expectation's actual values.
    public let detail: String?
    /// The rule behind a refusal, a conversion or a finding, and where it comes from.
    public let rule: String?
    public let source: String?
  }

  /// One simulated day on which something happened.
  public struct DayReport: Sendable {
    public let date: Day
    public internal(set) var steps: [Step]
    /// What each book shows owed at the end of the day (no order, totals only), when
    /// the day had an applied event or a conversion; nil otherwise.
    public internal(set) var balances: [BalanceRow]?

    /// Both books show the same figures.
    public var booksAgree: Bool {
      guard let balances else { return true }
      let books = Array(Set(balances.map(\.book))).sorted()
      func figures(_ b: PartyID) -> [String] {
        balances.filter { $0.book == b }.map { "\($0.debtor)|\($0.creditor)|\($0.kind)|\($0.commodity)|\($0.units)" }
      }
      return books.count < 2 || figures(books[0]) == figures(books[1])
    }
  }

  public let scenario: Scenario
  public let result: RunResult
  public let days: [DayReport]
  /// What an auditor would report at the end of the run.
  public let findingsAtEnd: [Finding]
  /// What each book shows owed at the end of the run.
  public let balancesAtEnd: [BalanceRow]
  /// How many events the scenario's generators added.
  public let generatedEvents: Int

  public var failedExpectations: Int { result.failedExpectations.count }

  /// Replays the scenario (with the events its generators add) and narrates it.
  public static func make(_ scenario: Scenario, generated: [ScenarioEvent] = []) throws -> Walkthrough {
    var sink = WalkthroughSink()
    let result = try Engine.run(scenario, generated: generated, into: &sink)
    var builder = WalkthroughBuilder(scenario: scenario, result: result)
    builder.narrate(records: sink.records, entries: sink.entries)
    builder.addFindings()
    return Walkthrough(
      scenario: scenario, result: result, days: builder.days,
      findingsAtEnd: FindingRules.findings(books: result.books, asOf: scenario.end), balancesAtEnd: builder.balanceRows(),
      generatedEvents: generated.count)
  }
}

/// Keeps every record of a run, in order, with the journal entries by event.
struct WalkthroughSink: RunSink {
  var records: [EventRecord] = []
  var entries: [Int: [JournalEntry]] = [:]

  mutating func record(_ event: EventRecord) throws { records.append(event) }

  mutating func post(_ entries: [JournalEntry]) throws {
    for entry in entries { self.entries[entry.eventSeq, default: []].append(entry) }
  }
}

/// Builds the walkthrough from the records of a run: running balances from the journal
/// entries, sentences from the records and the books at the end of the run.
struct WalkthroughBuilder {
  let scenario: Scenario
  let result: RunResult
  let narrator: Narrator
  var days: [Walkthrough.DayReport] = []
  /// What each book shows owed, by debtor, creditor, kind and commodity.
  var totals: [PartyID: [OpenTotal.Key: Int64]] = [:]
  /// The same per order.
  var byOrder: [PartyID: [String: [OpenTotal.Key: Int64]]] = [:]

  init(scenario: Scenario, result: RunResult) {
    self.scenario = scenario
    self.result = result
    narrator = Narrator(framework: scenario.framework, books: result.books)
  }

  var fw: Framework { scenario.framework }

  // MARK: - Balances

  /// Applies an entry's postings to the running balances: a `receivable` posting in a
  /// book is what the other party owes its owner, a `payable` one what the owner owes.
  mutating func apply(_ entry: JournalEntry) {
    let owner = entry.book
    let other = fw.other(owner)
    for p in entry.postings {
      let key: OpenTotal.Key
      let delta: Int64
      if p.account == Account.receivable(p.kind) {
        key = OpenTotal.Key(debtor: other, creditor: owner, kind: p.kind, commodity: p.commodity)
        delta = p.amount
      } else if p.account == Account.payable(p.kind) {
        key = OpenTotal.Key(debtor: owner, creditor: other, kind: p.kind, commodity: p.commodity)
        delta = -p.amount
      } else {
        continue
      }
      totals[owner, default: [:]][key, default: 0] &+= delta
      if let order = p.orderID { byOrder[owner, default: [:]][order, default: [:]][key, default: 0] &+= delta }
    }
  }

  /// What `book` shows owed on `order` now, of one kind, by commodity (non-zero only).
  func open(_ order: String, in book: PartyID, kind: ObligationKind) -> [(commodity: String, units: Int64)] {
    (byOrder[book]?[order] ?? [:]).filter { $0.key.kind == kind && $0.value != 0 }.map { ($0.key.commodity, $0.value) }
      .sorted { $0.commodity < $1.commodity }
  }

  /// Balance rows, per book in party order, debtors in party order, then kind and commodity.
  func balanceRows() -> [BalanceRow] {
    var rows: [BalanceRow] = []
    for book in fw.partyIDs {
      let entries = (totals[book] ?? [:]).filter { $0.value != 0 }
      let sorted = entries.sorted { a, b in
        let da = fw.partyIDs.firstIndex(of: a.key.debtor) ?? 0
        let db = fw.partyIDs.firstIndex(of: b.key.debtor) ?? 0
        if da != db { return da < db }
        if a.key.kind != b.key.kind { return a.key.kind < b.key.kind }
        return a.key.commodity < b.key.commodity
      }
      for (key, units) in sorted {
        let digits = key.kind == .inKind ? 3 : (Currency(code: key.commodity)?.minorDigits ?? 0)
        rows.append(
          BalanceRow(
            book: book, orderID: nil, debtor: key.debtor, creditor: key.creditor, kind: key.kind.rawValue, commodity: key.commodity,
            units: units, digits: digits))
      }
    }
    return rows
  }

  // MARK: - Events

  mutating func narrate(records: [EventRecord], entries: [Int: [JournalEntry]]) {
    var expectations = result.expectations.makeIterator()
    var current: Walkthrough.DayReport?
    var ledgerChanged = false
    var lastConversion: String?
    for record in records {
      if current?.date != record.date {
        if let done = current { days.append(finished(done, ledgerChanged: ledgerChanged)) }
        current = Walkthrough.DayReport(date: record.date, steps: [], balances: nil)
        ledgerChanged = false
      }
      for entry in entries[record.seq] ?? [] { apply(entry) }
      switch record.outcome {
      case .applied:
        ledgerChanged = true
        current?.steps.append(step(.applied, record, text: narrator.applied(record, entries: entries[record.seq] ?? [], state: self)))
      case .refused:
        let code = record.code.flatMap(RefusalCode.init(rawValue:))
        current?.steps.append(
          step(
            .refused, record, text: narrator.refused(record), code: record.code, detail: record.message, rule: code?.rule,
            source: code?.source))
      case .system:
        ledgerChanged = true
        // Each book converts on its own: one step when both books did the same.
        let both = narrator.deadlineConversion(record, state: self, books: "in both books", merged: true)
        if let last = current?.steps.last, last.kind == .deadline, last.order == record.orderID, lastConversion == both {
          current?.steps.removeLast()
          current?.steps.append(
            Walkthrough.Step(
              kind: .deadline, seq: last.seq, eventID: nil, line: nil, action: last.action, order: last.order,
              books: last.books + record.books,
              code: nil, text: both, detail: nil, rule: last.rule, source: last.source))
        } else {
          let text = narrator.deadlineConversion(
            record, state: self, books: "in \(record.books.joined(separator: " and "))'s book", merged: false)
          current?.steps.append(step(.deadline, record, text: text, rule: narrator.deadlineRule, source: narrator.deadlineSource))
        }
        lastConversion = both
      case .expectPassed, .expectFailed:
        guard let expectation = expectations.next() else { continue }
        let passed = record.outcome == .expectPassed
        current?.steps.append(
          step(
            passed ? .expectationPassed : .expectationFailed, record, text: narrator.expectation(expectation, scenario: scenario),
            detail: passed ? nil : "expected \(expectation.expected); actual \(expectation.actualSummary)"))
      }
    }
    if let done = current { days.append(finished(done, ledgerChanged: ledgerChanged)) }
  }

  /// A day with the balances at its end, when the ledger changed that day.
  func finished(_ day: Walkthrough.DayReport, ledgerChanged: Bool) -> Walkthrough.DayReport {
    var d = day
    if ledgerChanged { d.balances = balanceRows() }
    return d
  }

  func step(
    _ kind: Walkthrough.StepKind, _ r: EventRecord, text: String, code: String? = nil, detail: String? = nil, rule: String? = nil,
    source: String? = nil
  ) -> Walkthrough.Step {
    Walkthrough.Step(
      kind: kind, seq: r.seq, eventID: r.eventID, line: r.line, action: r.action, order: r.orderID, books: r.books, code: code, text: text,
      detail: detail, rule: rule, source: source)
  }

  // MARK: - Findings

  /// Adds, on the day each arises, what an auditor would flag, and each finding that no
  /// longer applies. Findings are judged at the end of every day with an event and of
  /// every day on which one can arise without an event: a due date, the day after a
  /// deadline, the last day to record a claim and the day after it.
  mutating func addFindings() {
    var candidates = Set(days.map(\.date))
    let paymentDays = fw.agreement.paymentDays
    for book in result.books {
      for o in book.obligations {
        if let due = o.dueOn { candidates.insert(due) }
        candidates.insert(o.deadline.adding(days: 1))
        candidates.insert(o.deliveryDate.adding(days: fw.agreement.claimDays))
        candidates.insert(o.deliveryDate.adding(days: paymentDays + 1))
      }
    }
    var previous: [String: Finding] = [:]
    for day in candidates.filter({ $0 >= scenario.start && $0 <= scenario.end }).sorted() {
      let findings = FindingRules.findings(books: result.books, asOf: day)
      var now: [String: Finding] = [:]
      var steps: [Walkthrough.Step] = []
      for f in findings {
        let key = f.code.rawValue + "|" + f.order
        now[key] = f
        if previous[key] == nil {
          steps.append(
            Walkthrough.Step(
              kind: .finding, seq: nil, eventID: nil, line: nil, action: nil, order: f.order, books: f.books, code: f.code.rawValue,
              text: f.message, detail: nil, rule: narrator.findingRule(f.code), source: f.code.source))
        }
      }
      for (key, f) in previous.sorted(by: { $0.key < $1.key }) where now[key] == nil {
        steps.append(
          Walkthrough.Step(
            kind: .findingCleared, seq: nil, eventID: nil, line: nil, action: nil, order: f.order, books: f.books, code: f.code.rawValue,
            text: narrator.cleared(f), detail: nil, rule: nil, source: nil))
      }
      previous = now
      guard !steps.isEmpty else { continue }
      if let i = days.firstIndex(where: { $0.date == day }) {
        days[i].steps += steps
      } else {
        let i = days.firstIndex(where: { $0.date > day }) ?? days.count
        days.insert(Walkthrough.DayReport(date: day, steps: steps, balances: nil), at: i)
      }
    }
  }
}
