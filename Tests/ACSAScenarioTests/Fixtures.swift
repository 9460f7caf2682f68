import ACSAScenario
import Testing

/// A small valid scenario. Tests edit one place of it and check the exact diagnostics,
/// so its layout (line and column of every value) matters.
let validScenario = """
  scenario:
    name: Test run
    start: 2026-10-01
    end: 2026-12-31
  agreement:
    id: JP-PH-ACSA
    in_force: 2026-09-01
    activities: [training, hadr]
    categories: [food, fuel, billeting, transportation]
  parties:
    JP: { name: Japan Self-Defense Forces, currency: JPY, fiscal_year_start: 04-01 }
    PH: { name: Armed Forces of the Philippines, currency: PHP }
  units:
    - { id: ARDB, party: JP, name: "JGSDF Amphibious Rapid Deployment Brigade" }
    - { id: MBLT-4, party: PH }
  activities:
    - { id: KAMANDAG-10, type: training, start: 2026-10-05, end: 2026-10-20 }
  catalog:
    - id: F-76
      category: fuel
      kind: supply
      unit: L
      prices:
        - { party: JP, from: 2026-04-01, price: "JPY 98" }
        - { party: PH, from: 2026-01-01, price: "PHP 52.50" }
    - id: F-76-ALT
      category: fuel
      kind: supply
      unit: L
      equivalent_to: F-76
      prices: [ { party: PH, from: 2026-01-01, price: "PHP 51.00" } ]
    - id: BILLET
      category: billeting
      kind: service
      unit: person-night
      prices: [ { party: PH, from: 2026-01-01, price: "PHP 1500.00" } ]
  rates:
    - { date: 2026-09-01, base: JPY, quote: PHP, rate: "0.3871", source: central bank }
  events:
    - date: 2026-10-05
      id: ev-1
      order: { id: PH-0001, activity: KAMANDAG-10, provider: MBLT-4, receiver: ARDB,
               settlement: cash, lines: [ { item: BILLET, qty: 600 } ] }
    - date: 2026-10-06
      books: [PH]
      deliver: { order: PH-0001, lines: [ { item: BILLET, qty: 300 } ], receipt: false }
    - date: 2026-10-07
      deliver: { order: PH-0001 }
    - date: 2026-10-08
      id: ev-2
      order: { id: JP-0001, activity: KAMANDAG-10, provider: ARDB, receiver: MBLT-4,
               settlement: replacement, lines: [ { item: F-76, qty: "12.5" } ], signed: false }
    - date: 2026-10-09
      transfer: { order: JP-0001, lines: [ { item: F-76, qty: 2 } ], to: US Marine Corps }
    - date: 2026-10-10
      pay: { order: PH-0001, amount: "PHP 1500.00" }
    - date: 2026-10-31
      books: [JP]
      expect: { outstanding: { debtor: JP, creditor: PH, cash: "PHP 0" } }
    - date: 2026-11-30
      expect: { refused: ev-2, code: excluded_category }
    - date: 2026-12-31
      expect: { findings: { overdue: 0, no_receipt: 1 } }

  """

/// The valid scenario with `old` (which must occur exactly once) replaced by `new`.
func edited(_ old: String, _ new: String, in text: String = validScenario) -> String {
  let parts = text.split(separator: old, omittingEmptySubsequences: false)
  #expect(parts.count == 2, "fixture edit: '\(old)' must occur exactly once")
  return parts.joined(separator: new)
}

/// The diagnostics of a text, as printed; [] when it parses.
func diagnostics(_ text: String, file: String = "s.yaml") -> [String] {
  do {
    _ = try ScenarioLoader.parse(text: text, file: file)
    return []
  } catch {
    return error.diagnostics.map(\.description)
  }
}
