import ACSADomain
import ACSAScenario
import ACSASimulation
import Foundation
import Testing

@testable import ACSAAudit

/// A small exercise whose two books drift apart: O1 (10 meals at PHP 350.00 from PH to
/// JP, PHP 3,500.00) is paid in PH's book only; O2 orders rifles and is refused.
enum TwoBooks {
  static let yaml = """
    scenario: { name: two books, start: 2026-10-01, end: 2026-12-31 }
    agreement: { id: T, in_force: 2026-09-01, activities: [training], categories: [food] }
    parties:
      JP: { name: Japan, currency: JPY, fiscal_year_start: 04-01 }
      PH: { name: Philippines, currency: PHP }
    units: [ { id: JPU, party: JP }, { id: PHU, party: PH } ]
    activities: [ { id: EX, type: training } ]
    catalog:
      - { id: MEAL, category: food, kind: supply, unit: meal, prices: [ { party: PH, from: 2026-01-01, price: "PHP 350.00" } ] }
      - { id: RIFLE, category: weapons, kind: supply, unit: each, prices: [ { party: PH, from: 2026-01-01, price: "PHP 900.00" } ] }
    events:
      - { date: 2026-10-05, order: { id: O1, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 10 } ] } }
      - { date: 2026-10-06, deliver: { order: O1 } }
      - { date: 2026-10-20, books: [PH], pay: { order: O1, amount: "PHP 3500.00" } }
      - { date: 2026-10-21, order: { id: O2, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: RIFLE, qty: 1 } ] } }
    """

  /// The exercise run into a ledger in a fresh folder; the folder, for removal.
  static func ledger() throws -> (path: String, folder: URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-audit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let scenario = try ScenarioLoader.parse(text: yaml, file: "two-books.yaml")
    let path = folder.appendingPathComponent("two-books.sqlite").path
    _ = try LedgerRun.write(scenario, generated: try Generation.stream(for: scenario, seed: scenario.seed), to: path, version: "test")
    return (path, folder)
  }
}

@Suite("Reconciliation of a ledger's two books")
struct ReconciliationTests {
  @Test("the books differ on O1 alone: JP's still owes PHP 3,500.00, PH's nothing; O2's refusal is read from the log")
  func differOnThePayment() throws {
    let (path, folder) = try TwoBooks.ledger()
    defer { try? FileManager.default.removeItem(at: folder) }
    let ledger = try AuditedLedger(path: path)
    #expect(try ledger.refusedOrders() == ["O2"])
    let describe = try ledger.eventDescriber()
    #expect(describe(3) == "pay on 2026-10-20 (event 3)")
    #expect(describe(99) == "event 99")
    let books = try ledger.reader.snapshotBooks(framework: ledger.framework)
    let r = Reconciliation.compare(books[0], books[1], refused: try ledger.refusedOrders(), describe: describe)
    #expect((r.left, r.right) == ("JP", "PH"))
    #expect(!r.agree)
    #expect(r.differences.map(\.order) == ["O1"])
    let aspects = r.differences.first?.aspects ?? []
    let outstanding = aspects.first { $0.name == "open cash PHP" }
    #expect(outstanding?.left.contains("3,500.00") == true, "JP's book: \(aspects)")
    #expect(outstanding.map { !$0.right.contains("3,500.00") } == true, "PH's book: \(aspects)")
  }
}
