import ACSADomain
import ACSAScenario
import ACSASimulation
import Testing

/// The examples of the scenario format page, assembled into one scenario: its
/// top-level blocks as written, its event and expectation examples with the figures
/// they state.
@Suite("The spec's examples behave as the spec says")
struct SpecExampleTests {
  static let text = """
    scenario:
      name: KAMANDAG 2026 bilateral training
      start: 2026-10-01
      end: 2027-12-31
      seed: 42
    agreement:
      id: JP-PH-ACSA
      signed: 2026-01-15
      in_force: 2026-09-01
      tax_exempt: true
      settlement_days: 365
      payment_days: 30
      billing: auto
      deadline_policy: convert
      offset: true
      activities: [training, pko, hadr, evacuation, routine]
      categories: [food, water, billeting, transportation, fuel, clothing, communications,
                   medical, base_support, storage, facilities, training_services,
                   spare_parts, maintenance, port_services, ammunition]
    parties:
      JP: { name: Japan Self-Defense Forces, currency: JPY, fiscal_year_start: 04-01 }
      PH: { name: Armed Forces of the Philippines, currency: PHP, fiscal_year_start: 01-01 }
    units:
      - { id: ARDB, party: JP, name: "JGSDF Amphibious Rapid Deployment Brigade" }
      - { id: MBLT-4, party: PH, name: "PMC 4th Marine Battalion Landing Team" }
    activities:
      - { id: KAMANDAG-10, type: training, start: 2026-10-05, end: 2026-10-20 }
    catalog:
      - id: F-76
        name: Naval distillate fuel
        category: fuel
        kind: supply
        unit: L
        prices:
          - { party: JP, from: 2026-04-01, price: "JPY 98" }
          - { party: PH, from: 2026-01-01, price: "PHP 52.50" }
      - id: F-76-ALT
        name: Marine diesel, same grade
        category: fuel
        kind: supply
        unit: L
        equivalent_to: F-76
        prices: [ { party: PH, from: 2026-01-01, price: "PHP 51.00" } ]
      - { id: BILLET, category: billeting, kind: service, unit: person-night, prices: [ { party: PH, from: 2026-01-01, price: "PHP 1500.00" } ] }
    rates:
      - { date: 2026-09-01, base: JPY, quote: PHP, rate: "0.3871", source: "central bank reference rate" }
    events:
      - date: 2026-10-05
        id: ev-1
        order: { id: PH-0001, activity: KAMANDAG-10, provider: MBLT-4, receiver: ARDB,
                 settlement: cash, lines: [ { item: BILLET, qty: 600 } ] }
      - date: 2026-10-06
        books: [PH]
        deliver: { order: PH-0001, lines: [ { item: BILLET, qty: 300 } ], receipt: false }
      - date: 2026-10-31
        books: [JP]
        expect: { outstanding: { debtor: JP, creditor: PH, cash: "PHP 0" } }
      - date: 2026-10-31
        books: [PH]
        expect: { outstanding: { debtor: JP, creditor: PH, cash: "PHP 450000.00" } }
      - date: 2026-10-07
        order: { id: JP-0001, activity: KAMANDAG-10, provider: ARDB, receiver: MBLT-4,
                 settlement: cash, lines: [ { item: F-76, qty: 20000 } ] }
      - date: 2026-10-07
        order: { id: PH-0002, activity: KAMANDAG-10, provider: MBLT-4, receiver: ARDB,
                 settlement: replacement, lines: [ { item: F-76, qty: 20000 } ] }
      - { date: 2026-10-08, deliver: { order: JP-0001 } }
      - { date: 2026-10-08, deliver: { order: PH-0002 } }
      - { date: 2026-10-09, id: ev-17, order: { id: PH-0003, activity: KAMANDAG-10, provider: MBLT-4, receiver: ARDB, settlement: replacement, lines: [ { item: BILLET, qty: 1 } ] } }
      - date: 2026-11-30
        expect:
          outstanding: { debtor: PH, creditor: JP, cash: "JPY 1960000" }
      - date: 2026-11-30
        expect:
          outstanding: { debtor: JP, creditor: PH, in_kind: { item: F-76, qty: 20000 } }
      - date: 2026-11-30
        expect: { refused: ev-17, code: settlement_not_allowed }
      # Late: PH-0001's billets (billed 6 Oct in PH's book, due 5 Nov) and JP-0001's
      # fuel (billed 8 Oct, due 7 Nov), both unpaid on 30 Nov.
      - date: 2026-11-30
        expect: { findings: { no_receipt: 1, book_mismatch: 1, late_payment: 2, not_invoiced: 0 } }
      - { date: 2026-12-01, return: { order: PH-0002, lines: [ { item: F-76-ALT, qty: 20000 } ] } }
      - { date: 2026-12-01, pay: { order: JP-0001, amount: "JPY 1960000" } }
      - date: 2026-12-01
        expect: { order: JP-0001, status: settled }
      - date: 2026-12-01
        expect: { order: PH-0002, status: settled }
    """

  @Test("assembled spec examples run with every expectation holding")
  func examples() throws {
    let scenario = try ScenarioLoader.parse(text: Self.text, file: "spec.yaml")
    #expect(scenario.seed == 42)
    var sink = RecordingSink()
    let result = try Engine.run(scenario, into: &sink)
    #expect(result.failedExpectations.isEmpty, "\(result.failedExpectations)")
    #expect(result.expectations.count == 8)
    // The delivery recorded in PH's book only: 300 x PHP 1,500.00, and PH-0001 is
    // delivered in PH's book, accepted in JP's.
    #expect(result.status(of: "PH-0001", in: "PH") == .delivered)
    #expect(result.status(of: "PH-0001", in: "JP") == .accepted)
  }
}
