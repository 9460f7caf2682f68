import ACSADomain
import ACSAScenario
import ACSASimulation
import Testing

/// What format 1.4 changed ("Changed in 1.4: closer to the sources"), each with a case
/// computed by hand. The world: FUEL (supply) JP JPY 100/L, PH PHP 50.00/L; BILLET
/// (service) PH PHP 1500.00; ROUND (ammunition) JP JPY 200; rate 1 JPY = 0.4 PHP from
/// 2026-10-10. JP's signatory JP-LOG may sign up to JPY 50,000, JP-CMD without limit;
/// PH's PH-LOG up to PHP 30,000.00.
enum World14 {
  static func yaml(format: String? = "1.4", agreement: [String] = [], activities: [String] = [], events: String) -> String {
    """
    scenario:
      name: spec 1.4
      start: 2026-09-01
      end: 2029-12-31
    \(format.map { "  format: \"\($0)\"" } ?? "")
    agreement:
      id: TEST
      in_force: 2026-10-01
      activities: [training, hadr, other]
      categories: [food, billeting, fuel, ammunition]
    \(agreement.map { "  " + $0 }.joined(separator: "\n"))
    parties:
      JP:
        name: Japan
        currency: JPY
        signatories:
          - { id: JP-LOG, name: Maj. Sato, limit: "JPY 50000" }
          - { id: JP-CMD, name: Col. Ito }
      PH:
        name: Philippines
        currency: PHP
        signatories: [ { id: PH-LOG, name: Capt. Cruz, limit: "PHP 30000.00" } ]
    units:
      - { id: JPU, party: JP }
      - { id: PHU, party: PH }
    activities:
      - { id: EX, type: training }
      - { id: RELIEF, type: hadr }
    \(activities.map { "  " + $0 }.joined(separator: "\n"))
    catalog:
      - { id: FUEL, category: fuel, kind: supply, unit: L, prices: [ { party: JP, from: 2026-01-01, price: "JPY 100" }, { party: PH, from: 2026-01-01, price: "PHP 50.00" } ] }
      - { id: BILLET, category: billeting, kind: service, unit: night, prices: [ { party: PH, from: 2026-01-01, price: "PHP 1500.00" } ] }
      - { id: ROUND, category: ammunition, kind: supply, unit: round, prices: [ { party: JP, from: 2026-01-01, price: "JPY 200" } ] }
    rates:
      - { date: 2026-10-10, base: JPY, quote: PHP, rate: "0.4", source: test }
    events:
    \(events.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
    """
  }

  static func scenario(format: String? = "1.4", agreement: [String] = [], activities: [String] = [], _ events: String) throws
    -> Scenario
  {
    try ScenarioLoader.parse(text: yaml(format: format, agreement: agreement, activities: activities, events: events), file: "t.yaml")
  }

  static func run(format: String? = "1.4", agreement: [String] = [], _ events: String) throws -> (RunResult, RecordingSink) {
    var sink = RecordingSink()
    let result = try Engine.run(try scenario(format: format, agreement: agreement, events), into: &sink)
    return (result, sink)
  }

  /// The static errors of a scenario, or [] when it parses.
  static func errors(format: String? = "1.4", agreement: [String] = [], activities: [String] = [], _ events: String = "[]") -> [String] {
    do {
      _ = try scenario(format: format, agreement: agreement, activities: activities, events)
      return []
    } catch let error as ScenarioErrors {
      return error.diagnostics.map(\.message)
    } catch {
      return ["\(error)"]
    }
  }

  static func findings(_ result: RunResult, asOf day: String) -> [FindingCode: Int] {
    FindingRules.counts(books: result.books, asOf: Day(iso: day)!)
  }
}

@Suite("Format 1.4: calendar months, defaults by version, settled_late, claim_days, either currency, coverage, term, orders")
struct Spec14Tests {
  // MARK: - Calendar months

  @Test(
    "a deadline in calendar months keeps the day of the month, or the month's last day",
    arguments: [
      ("2028-02-29", 12, "2029-02-28"), ("2027-03-15", 12, "2028-03-15"), ("2026-01-31", 1, "2026-02-28"),
      ("2028-01-31", 1, "2028-02-29"), ("2026-08-31", 6, "2027-02-28"), ("2026-10-05", 12, "2027-10-05"),
      ("2026-12-31", 14, "2028-02-29"),
    ])
  func months(_ delivered: String, _ n: Int, _ deadline: String) {
    #expect(SettlementPeriod.months(n).deadline(forDeliveryOn: Day(iso: delivered)!).description == deadline)
  }

  // 1,000 L of FUEL lent on 2027-03-15. In 1.4 the deadline is 2028-03-15 (12 calendar
  // months); counted as 365 days (1.3) it is 2028-03-14, across 29 February 2028.
  let leapLoan = """
    - { date: 2027-03-15, order: { id: F1, activity: EX, provider: JPU, receiver: PHU, settlement: replacement, lines: [ { item: FUEL, qty: 1000 } ] } }
    - { date: 2027-03-15, deliver: { order: F1 } }
    - { date: 2028-03-15, id: r, return: { order: F1, lines: [ { item: FUEL, qty: 1000 } ] } }
    """

  @Test("a return on the last lawful day after a 29 February: accepted in 1.4, converted and refused when 365 days are counted")
  func leapDayBothWays() throws {
    let (new, newSink) = try World14.run(leapLoan)
    #expect(World14.findings(new, asOf: "2028-03-15")[.overdue] == nil)
    #expect(World.code(newSink, "r") == nil)
    #expect(new.book("JP")?.obligations(of: "F1").first?.deadline.description == "2028-03-15")
    #expect(World14.findings(new, asOf: "2029-12-31").isEmpty)

    let (old, oldSink) = try World14.run(format: nil, leapLoan)
    #expect(old.book("JP")?.obligations(of: "F1").first?.deadline.description == "2028-03-14")
    // Converted on 2028-03-15 (the day after the deadline), so nothing is left in kind.
    #expect(World.code(oldSink, "r") == "over_return")
    #expect(World14.findings(old, asOf: "2028-03-15")[.overdue] == 1)
  }

  @Test("1.4's defaults: 12 calendar months and deadline_policy flag; 1.3 keeps 365 days and convert")
  func defaultsByVersion() throws {
    let new = try World14.scenario("[]").framework.agreement
    #expect(new.format == .v1_4)
    #expect(new.settlement == .months(12))
    #expect(new.deadlinePolicy == .flag)
    let old = try World14.scenario(format: nil, "[]").framework.agreement
    #expect(old.format == .v1_3)
    #expect(old.settlement == .days(365))
    #expect(old.deadlinePolicy == .convert)
    // Explicit settings win in either version.
    let set = try World14.scenario(agreement: ["settlement_days: 180", "deadline_policy: convert"], "[]").framework.agreement
    #expect(set.settlement == .days(180))
    #expect(set.deadlinePolicy == .convert)
    #expect(try World14.scenario(format: nil, agreement: ["settlement_months: 6"], "[]").framework.agreement.settlement == .months(6))
  }

  @Test("static errors: an unknown format, both settlement keys, an `other` activity without determination (1.4 only)")
  func staticErrors() {
    #expect(World14.errors(format: "1.5").contains { $0.contains("unknown format version '1.5'") })
    #expect(
      World14.errors(agreement: ["settlement_days: 365", "settlement_months: 12"]).contains {
        $0.contains("give settlement_days (a count of days) or settlement_months (calendar months), not both")
      })
    let other = ["- { id: OPS, type: other }"]
    #expect(World14.errors(activities: other).contains { $0.contains("an activity of type other needs `determination`") })
    #expect(World14.errors(format: nil, activities: other).isEmpty)
    #expect(World14.errors(activities: ["- { id: OPS, type: other, determination: \"Exchange of notes, 2026-11-02\" }"]).isEmpty)
  }

  // MARK: - settled_late

  @Test("settled_late after a late payment: it holds from the payment on, and overdue stops there")
  func settledLateAfterPay() throws {
    // JPY 100,000 for 1,000 L delivered 2026-10-05: due 2026-11-04, deadline 2027-10-05;
    // paid 2027-10-20, 15 days after the deadline.
    let (result, _) = try World14.run(
      """
      - { date: 2026-10-05, order: { id: C1, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1000 } ] } }
      - { date: 2026-10-05, deliver: { order: C1 } }
      - { date: 2027-10-20, pay: { order: C1, amount: "JPY 100000" } }
      """)
    #expect(World14.findings(result, asOf: "2027-10-05") == [.latePayment: 1])
    #expect(World14.findings(result, asOf: "2027-10-19") == [.latePayment: 1, .overdue: 1])
    #expect(World14.findings(result, asOf: "2027-10-20") == [.latePayment: 1, .settledLate: 1])
    #expect(World14.findings(result, asOf: "2029-12-31") == [.latePayment: 1, .settledLate: 1])
    let f = try #require(FindingRules.findings(books: result.books, asOf: Day(iso: "2028-01-01")!).first { $0.code == .settledLate })
    #expect(
      f.message
        == "On C1, what PH owed JP cash for the delivery of 2026-10-05 was settled only on 2027-10-20, 15 days after its 12-month deadline of 2027-10-05."
    )
    #expect(f.delay(asOf: Day(iso: "2028-01-01")!)?.days == 15)
    #expect(f.books == ["JP", "PH"])
  }

  @Test("settled_late after a late return, accepted under flag; 1.3 never reports it")
  func settledLateAfterReturn() throws {
    let loan = """
      - { date: 2027-03-15, order: { id: F1, activity: EX, provider: JPU, receiver: PHU, settlement: replacement, lines: [ { item: FUEL, qty: 1000 } ] } }
      - { date: 2027-03-15, deliver: { order: F1 } }
      - { date: 2028-04-02, id: r, return: { order: F1, lines: [ { item: FUEL, qty: 1000 } ] } }
      """
    let (result, sink) = try World14.run(loan)
    #expect(World.code(sink, "r") == nil)
    #expect(World14.findings(result, asOf: "2028-04-01") == [.overdue: 1])
    #expect(World14.findings(result, asOf: "2028-04-02") == [.settledLate: 1])
    let (old, _) = try World14.run(format: nil, agreement: ["deadline_policy: flag"], loan)
    #expect(World14.findings(old, asOf: "2028-04-02").isEmpty)
  }

  // MARK: - claim_days

  @Test("no_claim is judged against claim_days, which defaults to payment_days")
  func claimDays() throws {
    // Delivered 2026-10-05 with the claim unrecorded; recorded 2026-10-16, 11 days later.
    let events = """
      - { date: 2026-10-05, order: { id: C1, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 10 } ] } }
      - { date: 2026-10-05, deliver: { order: C1, claim: false } }
      - { date: 2026-10-16, claim: { order: C1 } }
      - { date: 2026-10-16, pay: { order: C1, amount: "JPY 1000" } }
      """
    let (strict, _) = try World14.run(agreement: ["claim_days: 10"], events)
    #expect(World14.findings(strict, asOf: "2026-10-14").isEmpty)
    #expect(World14.findings(strict, asOf: "2026-10-15") == [.noClaim: 1])
    let (lenient, _) = try World14.run(events)
    #expect(World14.findings(lenient, asOf: "2027-12-31").isEmpty)
  }

  // MARK: - payment_currency: either

  // JPY 100,000 owed by PH for 1,000 L; 1 JPY = 0.4 PHP from 2026-10-10.
  let cashLoan = """
    - { date: 2026-10-05, order: { id: C1, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1000 } ] } }
    - { date: 2026-10-05, deliver: { order: C1 } }
    """

  @Test("either: a payment in the receiver's currency is applied at the day's rate, rounded half to even, and both amounts are kept")
  func eitherCurrency() throws {
    let (result, sink) = try World14.run(
      agreement: ["payment_currency: either"],
      cashLoan + """

        - { date: 2026-10-09, id: early, pay: { order: C1, amount: "PHP 100.00" } }
        - { date: 2026-10-12, id: usd, pay: { order: C1, amount: "USD 10.00" } }
        - { date: 2026-10-12, id: half, pay: { order: C1, amount: "PHP 1.00" } }
        - { date: 2026-10-12, id: over, pay: { order: C1, amount: "PHP 40000.00" } }
        - { date: 2026-10-13, id: rest, pay: { order: C1, amount: "PHP 39999.20" } }
        """)
    #expect(World.code(sink, "early") == "no_rate")
    #expect(World.code(sink, "usd") == "wrong_currency")
    // PHP 1.00 / 0.4 = JPY 2.5: JPY 2 half to even (3 half away from zero).
    #expect(World.code(sink, "half") == nil)
    // PHP 40,000.00 = JPY 100,000, more than the JPY 99,998 left.
    #expect(World.code(sink, "over") == "overpayment")
    // PHP 39,999.20 = JPY 99,998: the claim is settled.
    #expect(World.code(sink, "rest") == nil)
    #expect(result.owed(in: "JP", debtor: "PH", creditor: "JP", .cash, "JPY") == 0)
    let half = try #require(sink.events.first { $0.eventID == "half" })
    #expect(half.payload == "pay|C1|JPY|2|@paid|PHP|100")
    #expect(half.message == "PHP 1.00 paid on C1, applied as JPY 2 at 1 JPY = 0.4 PHP on 2026-10-10, test (rounded half to even)")
    let memo = try #require(sink.entries.first { $0.eventSeq == half.seq })
    #expect(memo.memo == "pay C1: PHP 1.00 applied as JPY 2")
    // The default, provider: only the provider's currency.
    let (_, strict) = try World14.run(cashLoan + "\n- { date: 2026-10-12, id: php, pay: { order: C1, amount: \"PHP 1.00\" } }")
    #expect(World.code(strict, "php") == "wrong_currency")
  }

  // MARK: - Coverage by activity, term, termination

  @Test("category_activities: ammunition only for hadr orders")
  func categoryActivities() throws {
    let (_, sink) = try World14.run(
      agreement: ["category_activities: { ammunition: [hadr] }"],
      """
      - { date: 2026-10-05, id: training, order: { id: A1, activity: EX, provider: JPU, receiver: PHU, settlement: replacement, lines: [ { item: ROUND, qty: 100 } ] } }
      - { date: 2026-10-05, id: relief, order: { id: A2, activity: RELIEF, provider: JPU, receiver: PHU, settlement: replacement, lines: [ { item: ROUND, qty: 100 } ] } }
      """)
    #expect(World.code(sink, "training") == "category_not_covered")
    #expect(
      sink.events.first { $0.eventID == "training" }?.message
        == "ROUND is in category ammunition, which the agreement covers only for hadr activities; EX is training")
    #expect(World.code(sink, "relief") == nil)
  }

  @Test("term_years and terminated refuse later orders not_in_force; earlier obligations are settled as usual")
  func termAndTermination() throws {
    let (_, term) = try World14.run(
      agreement: ["term_years: 1"],
      """
      - { date: 2027-09-30, id: last, order: { id: T1, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1 } ] } }
      - { date: 2027-10-01, id: after, order: { id: T2, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1 } ] } }
      """)
    #expect(World.code(term, "last") == nil)
    #expect(World.code(term, "after") == "not_in_force")
    #expect(
      term.events.first { $0.eventID == "after" }?.message
        == "the agreement's term of 1 year from 2026-10-01 ended on 2027-09-30; the order is dated 2027-10-01")
    let (result, ended) = try World14.run(
      agreement: ["terminated: 2027-06-01"],
      cashLoan + """

        - { date: 2027-06-01, id: late, order: { id: T3, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1 } ] } }
        - { date: 2027-06-02, id: pay, pay: { order: C1, amount: "JPY 100000" } }
        """)
    #expect(World.code(ended, "late") == "not_in_force")
    #expect(
      ended.events.first { $0.eventID == "late" }?.message == "the agreement was terminated on 2027-06-01; the order is dated 2027-06-01")
    #expect(World.code(ended, "pay") == nil)
    #expect(result.owed(in: "PH", debtor: "PH", creditor: "JP", .cash, "JPY") == 0)
  }

  // MARK: - Signatories and order data

  @Test("over_authority: a signatory's limit against the order's value at the provider's prices, converted for the other party")
  func overAuthority() throws {
    let (result, sink) = try World14.run(
      """
      - { date: 2026-10-05, id: norate, order: { id: O0, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 100 } ], signed_by: { PH: PH-LOG } } }
      - { date: 2026-10-12, id: jp, order: { id: O1, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1000 } ], signed_by: { JP: JP-LOG, PH: PH-LOG } } }
      - { date: 2026-10-12, id: ph, order: { id: O2, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 800 } ], signed_by: { JP: JP-CMD, PH: PH-LOG } } }
      - { date: 2026-10-12, id: ok, order: { id: O3, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 500 } ], signed_by: { JP: JP-LOG, PH: PH-LOG } } }
      - { date: 2026-10-12, order: { id: O4, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 600 } ], signed: false } }
      - { date: 2026-10-13, id: sign-over, sign: { order: O4, signed_by: { JP: JP-LOG } } }
      - { date: 2026-10-13, id: sign-ok, sign: { order: O4, signed_by: { JP: JP-CMD } } }
      """)
    // The PH signatory's limit is in PHP: no JPY/PHP rate on 2026-10-05.
    #expect(World.code(sink, "norate") == "no_rate")
    // JPY 100,000 > JP-LOG's JPY 50,000 (checked first: JP before PH).
    #expect(World.code(sink, "jp") == "over_authority")
    #expect(
      sink.events.first { $0.eventID == "jp" }?.message
        == "Maj. Sato (JP-LOG) may sign for JP up to JPY 50000; order O1 is worth JPY 100000 at JP's prices on 2026-10-12")
    // JPY 80,000 = PHP 32,000.00 > PH-LOG's PHP 30,000.00.
    #expect(World.code(sink, "ph") == "over_authority")
    #expect(sink.events.first { $0.eventID == "ph" }?.message.contains("order O2 is worth JPY 80000 (PHP 32000.00 on 2026-10-12)") == true)
    // JPY 50,000 = PHP 20,000.00: within both limits.
    #expect(World.code(sink, "ok") == nil)
    #expect(result.book("JP")?.orders["O1"] == nil)
    #expect(World.code(sink, "sign-over") == "over_authority")
    #expect(World.code(sink, "sign-ok") == nil)
    #expect(result.book("PH")?.orders["O4"]?.terms.details.signedBy == ["JP": "JP-CMD"])
  }

  @Test("an unknown signatory is a static error naming the party's signatories")
  func unknownSignatory() {
    let errors = World14.errors(
      """
      - { date: 2026-10-12, order: { id: O1, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1 } ], signed_by: { JP: JP-LGO } } }
      """)
    #expect(
      errors == [
        "events[0].order.signed_by.JP: unknown signatory 'JP-LGO' of JP (did you mean 'JP-LOG'?); its signatories are JP-LOG, JP-CMD"
      ])
  }

  @Test("incomplete_order: a delivered order without the required fields, named; a later sign supplies signed_by")
  func incompleteOrder() throws {
    let (result, _) = try World14.run(
      agreement: ["required_order_fields: [place, contacts, documents, signed_by]"],
      """
      - { date: 2026-10-12, order: { id: FULL, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1 } ], signed_by: { JP: JP-LOG, PH: PH-LOG }, place: Subic Bay, contacts: { JP: "LO 1", PH: "LO 2" }, documents: [ "REQ-1" ] } }
      - { date: 2026-10-12, order: { id: BARE, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1 } ], place: Subic Bay, contacts: { JP: "LO 1" } } }
      - { date: 2026-10-12, order: { id: LATER, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1 } ], signed: false, place: Subic Bay, contacts: { JP: "LO 1", PH: "LO 2" }, documents: [ "REQ-3" ] } }
      - { date: 2026-10-12, order: { id: UNDELIVERED, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1 } ] } }
      - { date: 2026-10-13, deliver: { order: FULL } }
      - { date: 2026-10-13, deliver: { order: BARE } }
      - { date: 2026-10-13, sign: { order: LATER, signed_by: { JP: JP-LOG, PH: PH-LOG } } }
      - { date: 2026-10-14, deliver: { order: LATER } }
      """)
    let findings = FindingRules.findings(books: result.books, asOf: Day(iso: "2026-10-20")!).filter { $0.code == .incompleteOrder }
    #expect(findings.map(\.order) == ["BARE"])
    #expect(findings.first?.missing == ["contacts", "documents", "signed_by"])
    #expect(
      findings.first?.message
        == "BARE was delivered on 2026-10-13 without the data the agreement asks every order to record: contacts, documents, signed_by missing."
    )
    #expect(World14.findings(result, asOf: "2026-10-12")[.incompleteOrder] == nil)
  }

  @Test("the order's data and a sign's signatories survive the event codec")
  func codec() throws {
    var details = OrderDetails(
      place: "Subic | Bay", requestedDate: Day(iso: "2026-10-01"), contacts: ["JP": "LO 1", "PH": "LO\\2"], documents: ["A", ""],
      signedBy: ["JP": "JP-LOG"])
    let terms = OrderTerms(
      id: "O", activity: "EX", provider: "JPU", receiver: "PHU", settlement: .cash, lines: [Line(item: "FUEL", qty: Quantity(milli: 1000))],
      signed: true, details: details)
    for payload in [
      EventPayload(action: .order(terms)), EventPayload(action: .sign(order: "O", signedBy: ["PH": "PH-LOG"])),
      EventPayload(action: .pay(order: "O", amount: Money(2, .jpy)), paid: Money(100, .php)),
    ] {
      #expect(try EventCodec.decode(EventCodec.encode(payload)) == payload)
    }
    details = .none
    let plain = OrderTerms(id: "O", activity: "EX", provider: "JPU", receiver: "PHU", settlement: .cash, lines: [], signed: true)
    #expect(EventCodec.encode(EventPayload(action: .order(plain))) == "order|O|EX|JPU|PHU|cash|1|0")
  }
}
