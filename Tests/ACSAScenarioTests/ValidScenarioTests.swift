import ACSADomain
import ACSAScenario
import Testing

@Suite struct ValidScenarioTests {
  func parsed(_ text: String = validScenario) throws -> Scenario {
    try ScenarioLoader.parse(text: text, file: "s.yaml")
  }

  @Test func headerAndDefaults() throws {
    let scenario = try parsed()
    #expect(scenario.file == "s.yaml")
    #expect(scenario.name == "Test run")
    #expect(scenario.description == nil)
    #expect(scenario.start == Day(iso: "2026-10-01"))
    #expect(scenario.end == Day(iso: "2026-12-31"))
    #expect(scenario.seed == 0)
    #expect(scenario.sourceText == validScenario)
    let agreement = scenario.framework.agreement
    #expect(agreement.id == "JP-PH-ACSA")
    #expect(agreement.signed == nil)
    #expect(agreement.inForce == Day(iso: "2026-09-01"))
    #expect(agreement.taxExempt)
    #expect(agreement.settlement == .days(365))
    #expect(agreement.paymentDays == 30)
    #expect(agreement.billing == .auto)
    #expect(agreement.deadlinePolicy == .convert)
    #expect(agreement.offsetAllowed)
    #expect(agreement.activities == [.training, .hadr])
    #expect(agreement.categories == [.food, .fuel, .billeting, .transportation])
  }

  @Test func explicitAgreementValues() throws {
    let text = edited(
      "  in_force: 2026-09-01\n",
      """
        in_force: 2026-09-01
        signed: 2026-01-15
        tax_exempt: false
        settlement_days: 180
        payment_days: 0
        billing: manual
        deadline_policy: flag
        offset: false

      """)
    let header = edited(
      "  end: 2026-12-31\n", "  end: 2026-12-31\n  seed: 18446744073709551615\n  description: free text\n", in: text)
    let scenario = try parsed(header)
    let agreement = scenario.framework.agreement
    #expect(agreement.signed == Day(iso: "2026-01-15"))
    #expect(!agreement.taxExempt)
    #expect(agreement.settlement == .days(180))
    #expect(agreement.paymentDays == 0)
    #expect(agreement.billing == .manual)
    #expect(agreement.deadlinePolicy == .flag)
    #expect(!agreement.offsetAllowed)
    #expect(scenario.seed == UInt64.max)
    #expect(scenario.description == "free text")
  }

  @Test func partiesUnitsActivitiesCatalogAndRates() throws {
    let framework = try parsed().framework
    #expect(framework.partyIDs == ["JP", "PH"])
    #expect(framework.parties[0].currency == .jpy)
    #expect(framework.parties[0].fiscalYearStart == MonthDay(month: 4, day: 1))
    #expect(framework.parties[1].fiscalYearStart == MonthDay(month: 1, day: 1))
    #expect(framework.units["ARDB"]?.name == "JGSDF Amphibious Rapid Deployment Brigade")
    #expect(framework.units["MBLT-4"]?.name == "MBLT-4")
    #expect(framework.units["MBLT-4"]?.party == "PH")
    #expect(framework.activities["KAMANDAG-10"]?.type == .training)
    #expect(framework.activities["KAMANDAG-10"]?.end == Day(iso: "2026-10-20"))
    let fuel = try #require(framework.items["F-76"])
    #expect(fuel.category == .fuel)
    #expect(fuel.kind == .supply)
    #expect(fuel.name == nil)
    #expect(fuel.prices.count == 2)
    #expect(fuel.price(for: "PH", on: try #require(Day(iso: "2026-10-05"))) == Money(5250, .php))
    #expect(framework.items["F-76-ALT"]?.equivalentTo == "F-76")
    #expect(framework.items["BILLET"]?.kind == .service)
    #expect(framework.rateList.count == 1)
    #expect(framework.rateList.first?.scaled == 3_871_000_000)
    #expect(framework.rateList.first?.source == "central bank")
  }

  @Test func events() throws {
    let events = try parsed().events
    #expect(events.count == 9)
    #expect(events.map(\.index) == Array(0..<9))
    #expect(events[0].id == "ev-1")
    #expect(events[0].location == ACSADomain.SourceLocation(line: 40, column: 5))
    #expect(events[0].books == nil)
    #expect(
      events[0].action
        == .order(
          OrderTerms(
            id: "PH-0001", activity: "KAMANDAG-10", provider: "MBLT-4", receiver: "ARDB", settlement: .cash,
            lines: [Line(item: "BILLET", qty: Quantity(whole: 600))], signed: true)))
    #expect(events[1].books == ["PH"])
    #expect(
      events[1].action
        == .deliver(
          order: "PH-0001", lines: [Line(item: "BILLET", qty: Quantity(whole: 300))], receipt: false, claim: true))
    #expect(events[2].action == .deliver(order: "PH-0001", lines: nil, receipt: true, claim: true))
    #expect(events[2].date == Day(iso: "2026-10-07"))
    guard case .order(let terms) = events[3].action else {
      Issue.record("events[3] is not an order")
      return
    }
    #expect(terms.signed == false)
    #expect(terms.settlement == .replacement)
    #expect(terms.lines == [Line(item: "F-76", qty: Quantity(milli: 12_500))])
    #expect(
      events[4].action
        == .transfer(
          order: "JP-0001", lines: [Line(item: "F-76", qty: Quantity(whole: 2))], to: "US Marine Corps", consent: nil))
    #expect(events[5].action == .pay(order: "PH-0001", amount: Money(150_000, .php)))
    #expect(events[6].books == ["JP"])
    #expect(events[6].action == .expect(.outstanding(debtor: "JP", creditor: "PH", .cash(Money(0, .php)))))
    #expect(events[7].action == .expect(.refused(eventID: "ev-2", code: .excludedCategory)))
    #expect(events[8].action == .expect(.findings([.overdue: 0, .noReceipt: 1])))
  }

  @Test func everyActionAndExpectation() throws {
    let text = edited(
      "  - date: 2026-12-31\n",
      """
        - { date: 2026-11-01, sign: { order: JP-0001 } }
        - { date: 2026-11-01, cancel: { order: JP-0001 } }
        - { date: 2026-11-01, claim: { order: JP-0001 } }
        - { date: 2026-11-01, invoice: { order: JP-0001 } }
        - { date: 2026-11-01, convert: { order: JP-0001 } }
        - { date: 2026-11-01, close: { order: JP-0001 } }
        - { date: 2026-11-01, return: { order: JP-0001, lines: [ { item: F-76-ALT, qty: 1.5 } ] } }
        - { date: 2026-11-01, exchange: { order: PH-0001, lines: [ { item: BILLET, qty: 1 } ] } }
        - { date: 2026-11-01, offset: { amount: "JPY 1000" } }
        - { date: 2026-11-01, books: [PH, JP], deliver: { order: JP-0001, claim: false } }
        - { date: 2026-11-01, transfer: { order: JP-0001, lines: [ { item: F-76, qty: 1 } ], to: X, consent: ref-1 } }
        - { date: 2026-11-01, expect: { order: JP-0001, status: unrecorded } }
        - { date: 2026-11-01, expect: { outstanding: { debtor: PH, creditor: JP, in_kind: { item: F-76, qty: 0 } } } }
        - { date: 2026-11-01, expect: { outstanding: { debtor: PH, creditor: JP, equal_value: "JPY 0" } } }
        - date: 2026-12-31

      """)
    let actions = try parsed(text).events.map(\.action)
    #expect(actions.count == 23)
    #expect(
      Array(actions[8..<22]) == [
        .sign(order: "JP-0001"), .cancel(order: "JP-0001"), .claim(order: "JP-0001"),
        .invoice(order: "JP-0001"), .convert(order: "JP-0001"), .close(order: "JP-0001"),
        .returnItems(order: "JP-0001", lines: [Line(item: "F-76-ALT", qty: Quantity(milli: 1500))]),
        .exchange(order: "PH-0001", lines: [Line(item: "BILLET", qty: Quantity(whole: 1))]),
        .offset(amount: Money(1000, .jpy)),
        .deliver(order: "JP-0001", lines: nil, receipt: true, claim: false),
        .transfer(order: "JP-0001", lines: [Line(item: "F-76", qty: Quantity(whole: 1))], to: "X", consent: "ref-1"),
        .expect(.status(order: "JP-0001", .unrecorded)),
        .expect(.outstanding(debtor: "PH", creditor: "JP", .inKind(item: "F-76", qty: .zero))),
        .expect(.outstanding(debtor: "PH", creditor: "JP", .equalValue(Money(0, .jpy)))),
      ])
  }

  @Test func referencesMayPointForward() throws {
    // A deliver before the order it names, and an expect naming a later event's id.
    let text = edited(
      "events:\n",
      """
      events:
        - { date: 2026-10-01, deliver: { order: JP-0001 } }
        - { date: 2026-10-01, expect: { refused: ev-2, code: not_in_force } }

      """)
    let events = try parsed(text).events
    #expect(events.count == 11)
    #expect(events[0].action.orderID == "JP-0001")
    #expect(events[0].location == ACSADomain.SourceLocation(line: 40, column: 5))
  }
}
