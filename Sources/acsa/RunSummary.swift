import ACSADomain
import ACSAReports
import ACSAScenario
import ACSASimulation

/// What `acsa run` prints.
struct RunSummary {
  let scenario: Scenario
  let ledger: String
  let result: RunResult
  let digest: String
  let balances: BalanceReport

  var text: String {
    var out: [String] = []
    out.append("Scenario: \(scenario.name)")
    out.append("  file    \(scenario.file)")
    out.append("  ledger  \(ledger)")
    out.append("  period  \(scenario.start) to \(scenario.end)")
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
    out.append("Owed at the end of \(scenario.end):")
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

  struct JSON: Encodable {
    struct ScenarioInfo: Encodable {
      let name: String
      let file: String
      let start: String
      let end: String
    }
    struct Events: Encodable {
      let applied: Int
      let refused: Int
      let deadline_conversions: Int
    }
    struct Refusal: Encodable {
      let seq: Int
      let date: String
      let event_id: String?
      let line: Int?
      let action: String
      let order: String?
      let code: String
      let message: String
    }
    struct Expectation: Encodable {
      let date: String
      let event_id: String?
      let line: Int?
      let subject: String
      let expected: String
      let actual: [String: String]
      let passed: Bool
    }
    struct Expectations: Encodable {
      let passed: Int
      let failed: Int
      let results: [Expectation]
    }
    let scenario: ScenarioInfo
    let ledger: String
    let events: Events
    let refusals: [Refusal]
    let balances: [BalanceRow]
    let books_agree: Bool
    let disagreeing_orders: [String]
    let expectations: Expectations
    let ledger_digest: String
  }

  var json: JSON {
    let failed = result.failedExpectations.count
    return JSON(
      scenario: .init(name: scenario.name, file: scenario.file, start: scenario.start.description, end: scenario.end.description),
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
