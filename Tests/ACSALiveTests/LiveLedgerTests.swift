import ACSAAudit
import ACSADomain
import ACSALedger
import ACSAScenario
import ACSASimulation
import Foundation
import Testing

@testable import ACSALive

/// A folder of its own for each test.
struct Scratch: ~Copyable {
  let folder: URL
  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-live-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }
  func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
  deinit { try? FileManager.default.removeItem(at: folder) }
}

enum Live {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func scenario(_ name: String) throws -> Scenario {
    try ScenarioLoader.load(path: packageRoot.appendingPathComponent("scenarios/\(name)").path)
  }

  /// A live ledger of `s`'s framework, started at `s`'s start with none of its events.
  static func start(_ s: Scenario, at path: String) throws -> LiveLedger {
    let empty = Scenario(
      file: s.file, name: s.name, description: s.description, start: s.start, end: s.end, seed: s.seed, framework: s.framework,
      events: [], sourceText: s.sourceText)
    _ = try LedgerRun.write(empty, generated: GeneratedStream(), to: path, version: "test", through: s.start)
    return try LiveLedger(path: path)
  }

  /// `s`'s events (scripted and generated) in the order a replay processes them: by
  /// date, each day's events in file order, then its expectations.
  static func processingOrder(_ s: Scenario) throws -> [ScenarioEvent] {
    let all = s.events + (try Generation.events(for: s, seed: s.seed))
    let sorted = all.enumerated().sorted { a, b in
      (a.element.date, a.element.index, a.offset) < (b.element.date, b.element.index, b.offset)
    }.map(\.element)
    var ordered: [ScenarioEvent] = []
    var expects: [ScenarioEvent] = []
    var day: Day?
    for e in sorted where e.date <= s.end {
      if e.date != day {
        ordered += expects
        expects = []
        day = e.date
      }
      if case .expect = e.action { expects.append(e) } else { ordered.append(e) }
    }
    return ordered + expects
  }

  static func problems(_ path: String) throws -> [String] {
    try Inspection.run(try AuditedLedger(path: path)).problems.map { "\($0.kind.rawValue): \($0.message)" }
  }
}

@Suite("A ledger that grows event by event")
struct LiveLedgerTests {
  @Test(
    "every shipped scenario recorded one event at a time: verify passes after each append, and the last digest is a full run's",
    arguments: [
      "auditor-training.yaml", "kamandag-2026.yaml", "maritime-mca-2026.yaml", "programme-2027.yaml", "relief-leap-year-2028.yaml",
      "teaching-no-offset.yaml", "teaching-refusals.yaml", "typhoon-relief-2026.yaml",
    ])
  func sameAsARun(name: String) throws {
    let scratch = try Scratch()
    let s = try Live.scenario(name)
    let full = try LedgerRun.write(s, generated: try Generation.stream(for: s, seed: s.seed), to: scratch.path("full.sqlite"), version: "test")
    let path = scratch.path("live.sqlite")
    var live = try Live.start(s, at: path)
    let events = try Live.processingOrder(s)
    for (n, event) in events.enumerated() {
      let appended = try live.record(event)
      #expect(appended.records.last?.date == event.date)
      // Verify after every append of a small exercise; after every tenth of a long one
      // (and reopen, which replays the log: the state carried in memory must be the log's).
      if events.count < 60 || n % 10 == 0 {
        try live.close()
        #expect(try Live.problems(path) == [], "after event \(n): \(event.action.name) on \(event.date)")
        live = try LiveLedger(path: path)
      }
    }
    _ = try live.advance(to: s.end)
    #expect(live.digest == full.digest)
    try live.close()
    #expect(try Live.problems(path) == [])
    #expect(try AuditedLedger(path: path).reader.info().meta["ledger_digest"] == full.digest)
  }
}
