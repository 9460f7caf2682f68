import ACSADomain
import ACSAScenario
import ACSASimulation
import Testing

/// A sink that keeps everything in memory, for tests.
struct RecordingSink: RunSink {
  var events: [EventRecord] = []
  var entries: [JournalEntry] = []
  mutating func record(_ event: EventRecord) throws { events.append(event) }
  mutating func post(_ entries: [JournalEntry]) throws { self.entries += entries }
}

/// A small world for rule tests. Prices: FUEL JP JPY 100/L (JPY 120 from 2027-01-01),
/// PH PHP 50.00; FUEL-ALT (equivalent to FUEL) PH PHP 49.00; MEAL PH PHP 350.00, JP JPY
/// 1000; BILLET PH PHP 1500.00, JP JPY 4000; AIRLIFT PH PHP 520000.00, JP JPY 1500000;
/// SEALIFT (transportation) PH only; PORT PH PHP 10000.00 from 2026-10-10 only;
/// RIFLE (weapons); SHIRT (clothing, not covered). Rate: 1 JPY = 0.4 PHP from 2026-10-10.
/// JP's signatory JP-LOG may sign up to JPY 50,000.
enum World {
  static func yaml(agreement extra: String = "", format: String? = nil, events: String) -> String {
    """
    scenario: { name: test world, start: 2026-09-01, end: 2027-12-31\(format.map { ", format: \"\($0)\"" } ?? "") }
    agreement:
      id: TEST
      in_force: 2026-10-01
      activities: [training, hadr]
      categories: [food, water, billeting, transportation, fuel, medical, port_services, ammunition]
    \(extra.isEmpty ? "" : "  " + extra)
    parties:
      JP: { name: Japan, currency: JPY, fiscal_year_start: 04-01, signatories: [ { id: JP-LOG, name: Maj. Sato, limit: "JPY 50000" } ] }
      PH: { name: Philippines, currency: PHP }
    units:
      - { id: JPU, party: JP }
      - { id: JPU2, party: JP }
      - { id: PHU, party: PH }
    activities:
      - { id: EX, type: training, start: 2026-10-01, end: 2026-10-31 }
      - { id: RELIEF, type: hadr }
      - { id: OTHER, type: other, determination: "Exchange of notes (test)" }
    catalog:
      - { id: FUEL, category: fuel, kind: supply, unit: L, prices: [ { party: JP, from: 2026-01-01, price: "JPY 100" }, { party: JP, from: 2027-01-01, price: "JPY 120" }, { party: PH, from: 2026-01-01, price: "PHP 50.00" } ] }
      - { id: FUEL-ALT, category: fuel, kind: supply, unit: L, equivalent_to: FUEL, prices: [ { party: PH, from: 2026-01-01, price: "PHP 49.00" } ] }
      - { id: MEAL, category: food, kind: supply, unit: meal, prices: [ { party: PH, from: 2026-01-01, price: "PHP 350.00" }, { party: JP, from: 2026-01-01, price: "JPY 1000" } ] }
      - { id: BILLET, category: billeting, kind: service, unit: person-night, prices: [ { party: PH, from: 2026-01-01, price: "PHP 1500.00" }, { party: JP, from: 2026-01-01, price: "JPY 4000" } ] }
      - { id: AIRLIFT, category: transportation, kind: service, unit: hour, prices: [ { party: PH, from: 2026-01-01, price: "PHP 520000.00" }, { party: JP, from: 2026-01-01, price: "JPY 1500000" } ] }
      - { id: SEALIFT, category: transportation, kind: service, unit: hour, prices: [ { party: PH, from: 2026-01-01, price: "PHP 100000.00" } ] }
      - { id: PORT, category: port_services, kind: service, unit: day, prices: [ { party: PH, from: 2026-10-10, price: "PHP 10000.00" } ] }
      - { id: RIFLE, category: weapons, kind: supply, unit: each, prices: [ { party: JP, from: 2026-01-01, price: "JPY 100000" } ] }
      - { id: SHIRT, category: clothing, kind: supply, unit: each, prices: [ { party: JP, from: 2026-01-01, price: "JPY 2000" } ] }
      - { id: SHELL, category: ammunition, kind: supply, unit: round, prices: [ { party: JP, from: 2026-01-01, price: "JPY 9223372036854775807" } ] }
    rates:
      - { date: 2026-10-10, base: JPY, quote: PHP, rate: "0.4", source: test }
    events:
    \(events.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
    """
  }

  static func run(agreement: String = "", _ events: String) throws -> (RunResult, RecordingSink) {
    let text = yaml(agreement: agreement, events: events)
    let scenario: Scenario
    do {
      scenario = try ScenarioLoader.parse(text: text, file: "test.yaml")
    } catch {
      Issue.record("scenario did not parse: \(error.description)\n\(text)")
      throw error
    }
    var sink = RecordingSink()
    let result = try Engine.run(scenario, into: &sink)
    return (result, sink)
  }

  /// The code of the refused event with this id, or nil when it was applied.
  static func code(_ sink: RecordingSink, _ id: String) -> String? {
    sink.events.first { $0.eventID == id }?.code
  }
}

extension RunResult {
  func owed(in party: PartyID, debtor: PartyID, creditor: PartyID, _ kind: ObligationKind, _ commodity: String) -> Int64 {
    book(party)!.outstanding(debtor: debtor, creditor: creditor, kind: kind, commodity: commodity)
  }

  /// The same figure in both books (a test fails if they differ).
  func owed(
    debtor: PartyID, creditor: PartyID, _ kind: ObligationKind, _ commodity: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> Int64 {
    let jp = owed(in: "JP", debtor: debtor, creditor: creditor, kind, commodity)
    let ph = owed(in: "PH", debtor: debtor, creditor: creditor, kind, commodity)
    #expect(jp == ph, "books differ: JP \(jp), PH \(ph)", sourceLocation: sourceLocation)
    return jp
  }
}

/// Runs a property's body, recording an error it throws as an issue: `propertyCheck`
/// (swift-property-based 2.0.1) runs its body under `try?`, so an error thrown there
/// would otherwise pass the property silently.
func recordingErrors(_ body: () async throws -> Void) async {
  do {
    try await body()
  } catch {
    Issue.record(error)
  }
}
