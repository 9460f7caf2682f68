import ACSADomain
import ACSAScenario
import ACSASimulation
import Foundation
import Testing

@Suite("The walkthrough of `acsa explain`")
struct WalkthroughTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static var scenarioFiles: [String] {
    let dir = root.appendingPathComponent("scenarios")
    return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
  }

  static func walkthrough(_ file: String) throws -> Walkthrough {
    let scenario = try ScenarioLoader.load(path: root.appendingPathComponent("scenarios/" + file).path)
    return try Walkthrough.make(scenario, generated: try Generation.events(for: scenario, seed: scenario.seed))
  }

  @Test("the teaching scenarios refuse with every code, each shown with its rule and source")
  func everyRefusalCode() throws {
    var seen: Set<String> = []
    for file in ["teaching-refusals.yaml", "teaching-no-offset.yaml", "relief-leap-year-2028.yaml"] {
      let w = try Self.walkthrough(file)
      var here: Set<String> = []
      for step in w.days.flatMap(\.steps) where step.kind == .refused {
        let code = try #require(step.code.flatMap(RefusalCode.init(rawValue:)), "\(file): \(step.text)")
        #expect(step.rule == code.rule)
        #expect(step.source == code.source)
        #expect(step.detail?.isEmpty == false)
        here.insert(code.rawValue)
      }
      seen.formUnion(here)
      let text = w.text()
      for code in here { #expect(text.contains(code + " ("), "\(file): \(code)") }
    }
    #expect(seen == Set(RefusalCode.allCases.map(\.rawValue)))
  }

  @Test("the running balances end where the books end, in every scenario", arguments: scenarioFiles)
  func balancesMatchBooks(_ file: String) throws {
    let w = try Self.walkthrough(file)
    for book in w.result.books {
      let owner = try #require(book.owner)
      for key in book.balanceKeys() {
        let expected = book.outstanding(debtor: key.debtor, creditor: key.creditor, kind: key.kind, commodity: key.commodity)
        let row = w.balancesAtEnd.first {
          $0.book == owner && $0.debtor == key.debtor && $0.kind == key.kind.rawValue && $0.commodity == key.commodity
        }
        #expect((row?.units ?? 0) == expected, "\(file): \(owner) book, \(key)")
      }
    }
  }

  @Test("every event, conversion and expectation of the run is narrated once", arguments: scenarioFiles)
  func everythingNarrated(_ file: String) throws {
    let w = try Self.walkthrough(file)
    let steps = w.days.flatMap(\.steps)
    #expect(steps.filter { $0.kind == .applied }.count == w.result.applied)
    #expect(steps.filter { $0.kind == .refused }.count == w.result.refusals.count)
    #expect(steps.filter { $0.kind == .expectationPassed || $0.kind == .expectationFailed }.count == w.result.expectations.count)
    // Conversions: one step per book, or one for both when they agree.
    let conversions = steps.filter { $0.kind == .deadline }.reduce(0) { $0 + $1.books.count }
    #expect(conversions == w.result.systemEvents)
    #expect(w.days.map(\.date) == w.days.map(\.date).sorted())
    #expect(Set(w.days.map(\.date)).count == w.days.count)
    // Findings raised along the way are those at the end, plus any that cleared.
    let raised = Set(steps.filter { $0.kind == .finding }.map { "\($0.code!)|\($0.order!)" })
    let cleared = Set(steps.filter { $0.kind == .findingCleared }.map { "\($0.code!)|\($0.order!)" })
    let atEnd = Set(w.findingsAtEnd.map { "\($0.code.rawValue)|\($0.order)" })
    #expect(atEnd.isSubset(of: raised))
    #expect(raised.subtracting(atEnd).isSubset(of: cleared))
  }

  @Test("a late payment is flagged at the end of its due date, overdue the day after the deadline")
  func findingDays() throws {
    let w = try Self.walkthrough("kamandag-2026.yaml")
    func day(of code: String, _ order: String) -> String? {
      w.days.first { $0.steps.contains { $0.kind == .finding && $0.code == code && $0.order == order } }?.date.description
    }
    #expect(day(of: "late_payment", "PH-0002") == "2026-11-11")
    #expect(day(of: "overdue", "JP-0002") == "2027-10-11")
    let cleared = w.days.first { $0.steps.contains { $0.kind == .findingCleared && $0.code == "overdue" } }
    #expect(cleared?.date.description == "2027-11-05")
  }
}
