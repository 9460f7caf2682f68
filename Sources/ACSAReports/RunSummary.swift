import ACSADomain
import ACSAScenario
import ACSASimulation

/// What `acsa run` prints.
public struct RunSummary {
  public let scenario: Scenario
  public let ledger: String
  public let result: RunResult
  public let digest: String
  public let balances: BalanceReport
  /// A live ledger's clock (`acsa run --clock`): the day the run stopped at.
  public let clock: Day?

  public init(scenario: Scenario, ledger: String, result: RunResult, digest: String, balances: BalanceReport, clock: Day? = nil) {
    self.scenario = scenario
    self.ledger = ledger
    self.result = result
    self.digest = digest
    self.balances = balances
    self.clock = clock
  }

  public var text: String {
    var out: [String] = []
    out.append("Scenario: \(scenario.name)")
    out.append("  file    \(scenario.file)")
    out.append("  ledger  \(ledger)")
    out.append("  period  \(scenario.start) to \(scenario.end)")
    if let clock {
      out.append("  clock   \(clock): a live ledger, played up to this day; `acsa record` and `acsa serve` continue it")
    }
    out.append("")
    var counts = "Events: \(result.applied) applied, \(result.refusals.count) refused"
    if result.systemEvents > 0 {
      counts += ", \(result.systemEvents) deadline conversion\(result.systemEvents == 1 ? "" : "s") (counted per book)"
    }
    out.append(counts)
    if !result.refusals.isEmpty {
      var table = TextTable()
      for r in result.refusals {
        table.add([
          r.date.description, r.eventID ?? r.line.map { "line \($0)" } ?? "generated", r.action, r.orderID ?? "-", r.code ?? "", r.message,
        ])
      }
      out.append(table.render())
    }
    out.append("")
    out.append("Owed at the end of \(clock ?? scenario.end):")
    out.append(balances.text(orders: false))
    if !balances.booksAgree {
      out.append("  The books differ on: " + balances.disagreeingOrders.joined(separator: ", "))
    }
    out.append("")
    let failed = result.failedExpectations
    out.append("Expectations: \(result.expectations.count - failed.count) passed, \(failed.count) failed")
    for e in result.expectations {
      let place = e.eventID ?? "line \(e.line ?? 0)"
      if e.passed {
        out.append("  ok    \(e.date)  \(place)  \(e.subject): \(e.expected)")
      } else {
        out.append("  FAIL  \(e.date)  \(place)  \(e.subject): expected \(e.expected); actual \(e.actualSummary)")
      }
    }
    out.append("")
    out.append("ledger_digest: \(digest)")
    return out.joined(separator: "\n")
  }

  public struct JSON: Encodable {
    public struct ScenarioInfo: Encodable {
      public let name: String
      public let file: String
      public let start: String
      public let end: String
      /// A live ledger's clock, when the run stopped there.
      public let clock: String?
    }
    public struct Events: Encodable {
      public let applied: Int
      public let refused: Int
      public let deadline_conversions: Int
    }
    public struct Refusal: Encodable {
      public let seq: Int
      public let date: String
      public let event_id: String?
      public let line: Int?
      public let action: String
      public let order: String?
      public let code: String
      public let message: String
    }
    public struct Expectation: Encodable {
      public let date: String
      public let event_id: String?
      public let line: Int?
      public let subject: String
      public let expected: String
      public let actual: [String: String]
      public let passed: Bool
    }
    public struct Expectations: Encodable {
      public let passed: Int
      public let failed: Int
      public let results: [Expectation]
    }
    public let scenario: ScenarioInfo
    public let ledger: String
    public let events: Events
    public let refusals: [Refusal]
    public let balances: [BalanceRow]
    public let books_agree: Bool
    public let disagreeing_orders: [String]
    public let expectations: Expectations
    public let ledger_digest: String
  }

  public var json: JSON {
    let failed = result.failedExpectations.count
    return JSON(
      scenario: .init(
        name: scenario.name, file: scenario.file, start: scenario.start.description, end: scenario.end.description,
        clock: clock?.description),
      ledger: ledger,
      events: .init(applied: result.applied, refused: result.refusals.count, deadline_conversions: result.systemEvents),
      refusals: result.refusals.map {
        .init(
          seq: $0.seq, date: $0.date.description, event_id: $0.eventID, line: $0.line, action: $0.action, order: $0.orderID,
          code: $0.code ?? "", message: $0.message)
      },
      balances: balances.totals,
      books_agree: balances.booksAgree,
      disagreeing_orders: balances.disagreeingOrders,
      expectations: .init(
        passed: result.expectations.count - failed, failed: failed,
        results: result.expectations.map { e in
          .init(
            date: e.date.description, event_id: e.eventID, line: e.line, subject: e.subject, expected: e.expected,
            actual: Dictionary(e.actual.map { ($0.book.isEmpty ? "result" : $0.book, $0.value) }, uniquingKeysWith: { a, _ in a }),
            passed: e.passed)
        }),
      ledger_digest: digest)
  }
}
