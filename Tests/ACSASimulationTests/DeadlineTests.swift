import ACSADomain
import Testing

@Suite("Deadline processing under both policies")
struct DeadlineTests {
  // 1,000 L of FUEL lent on 5 Oct 2026 at JP's price JPY 100 (JPY 120 from 2027-01-01).
  // Deadline: 5 Oct 2026 + 365 days = 5 Oct 2027; processed on 6 Oct 2027.
  let events = """
    - { date: 2026-10-05, order: { id: F1, activity: EX, provider: JPU, receiver: PHU, settlement: replacement, lines: [ { item: FUEL, qty: 1000 } ] } }
    - { date: 2026-10-05, deliver: { order: F1 } }
    - { date: 2027-03-01, return: { order: F1, lines: [ { item: FUEL, qty: 250.5 } ] } }
    - { date: 2027-10-05, expect: { outstanding: { debtor: PH, creditor: JP, in_kind: { item: FUEL, qty: 749.5 } } } }
    - { date: 2027-10-05, expect: { findings: { overdue: 0 } } }
    """

  @Test("convert: the remainder becomes a cash claim the day after the deadline, at the delivery-date price")
  func convertPolicy() throws {
    let (result, sink) = try World.run(
      events + """

        - { date: 2027-10-06, expect: { outstanding: { debtor: PH, creditor: JP, cash: "JPY 74950" } } }
        - { date: 2027-10-06, expect: { outstanding: { debtor: PH, creditor: JP, in_kind: { item: FUEL, qty: 0 } } } }
        - { date: 2027-10-06, expect: { findings: { overdue: 1, late_payment: 0 } } }
        - { date: 2027-11-04, expect: { findings: { late_payment: 0 } } }
        - { date: 2027-11-05, expect: { findings: { late_payment: 1 } } }
        - { date: 2027-11-06, id: r, return: { order: F1, lines: [ { item: FUEL, qty: 1 } ] } }
        """)
    // 749.5 L x JPY 100 (the price on 5 Oct 2026, not JPY 120) = JPY 74,950; billed
    // 6 Oct 2027, due 5 Nov 2027; overdue from birth (it keeps the original deadline).
    #expect(result.failedExpectations.isEmpty, "\(result.failedExpectations)")
    let conversions = sink.events.filter { $0.action == "deadline_convert" }
    #expect(conversions.map(\.date.description) == ["2027-10-06", "2027-10-06"])
    #expect(conversions.map(\.books) == [["JP"], ["PH"]])
    // What was converted can no longer be returned.
    #expect(World.code(sink, "r") == "over_return")
    let claim = result.book("JP")!.obligations.last!
    #expect(claim.dueOn?.description == "2027-11-05")
    #expect(claim.deadline.description == "2027-10-05")
  }

  @Test("flag: the remainder stays in kind and the audit reports it overdue")
  func flagPolicy() throws {
    let (result, sink) = try World.run(
      agreement: "deadline_policy: flag",
      events + """

        - { date: 2027-10-06, expect: { outstanding: { debtor: PH, creditor: JP, in_kind: { item: FUEL, qty: 749.5 } } } }
        - { date: 2027-10-06, expect: { outstanding: { debtor: PH, creditor: JP, cash: "JPY 0" } } }
        - { date: 2027-10-06, expect: { findings: { overdue: 1 } } }
        - { date: 2027-10-07, return: { order: F1, lines: [ { item: FUEL, qty: 749.5 } ] } }
        - { date: 2027-10-07, expect: { findings: { overdue: 0 } } }
        - { date: 2027-10-07, expect: { order: F1, status: settled } }
        """)
    #expect(result.failedExpectations.isEmpty, "\(result.failedExpectations)")
    #expect(!sink.events.contains { $0.action == "deadline_convert" })
  }

  @Test("settlement_days counts days, and deadlines on or after the end are never processed")
  func deadlineAtEnd() throws {
    let (result, sink) = try World.run(
      agreement: "settlement_days: 30",
      """
      - { date: 2026-10-05, order: { id: F1, activity: EX, provider: JPU, receiver: PHU, settlement: replacement, lines: [ { item: FUEL, qty: 10 } ] } }
      - { date: 2026-10-05, deliver: { order: F1 } }
      - { date: 2026-11-05, expect: { outstanding: { debtor: PH, creditor: JP, cash: "JPY 1000" } } }
      - { date: 2027-12-01, order: { id: F2, activity: RELIEF, provider: JPU, receiver: PHU, settlement: replacement, lines: [ { item: FUEL, qty: 10 } ] } }
      - { date: 2027-12-01, deliver: { order: F2 } }
      """)
    // F1: deadline 4 Nov 2026, converted 5 Nov. F2: deadline 31 Dec 2027 = end: never processed.
    #expect(result.failedExpectations.isEmpty, "\(result.failedExpectations)")
    #expect(sink.events.filter { $0.action == "deadline_convert" }.count == 2)
    #expect(result.owed(debtor: "PH", creditor: "JP", .inKind, "FUEL") == 10_000)
  }
}
