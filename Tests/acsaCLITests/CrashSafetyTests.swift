import Foundation
import Testing

@Suite("Crash safety: SIGKILL at random moments never leaves a half-written ledger")
struct CrashSafetyTests {
  /// A scenario long enough that a run takes a noticeable time: `orders` cash orders,
  /// each placed, delivered and paid.
  static func longScenario(orders: Int, name: String) -> String {
    var text = """
      scenario: { name: "\(name)", start: 2026-10-01, end: 2027-12-31 }
      agreement: { id: X, in_force: 2026-09-01, activities: [training], categories: [food] }
      parties:
        JP: { name: Japan, currency: JPY, fiscal_year_start: 04-01 }
        PH: { name: Philippines, currency: PHP }
      units: [ { id: ARDB, party: JP }, { id: MBLT-4, party: PH } ]
      activities: [ { id: EX, type: training } ]
      catalog:
        - { id: RATION, category: food, kind: supply, unit: meal, prices: [ { party: PH, from: 2026-01-01, price: "PHP 350.00" } ] }
      events:

      """
    for i in 0..<orders {
      let day = Day(2026, 10, 5 + i % 20)
      text +=
        "  - { date: \(day), order: { id: O\(i), activity: EX, provider: MBLT-4, receiver: ARDB, settlement: cash, lines: [ { item: RATION, qty: \(1 + i % 50) } ] } }\n"
      text += "  - { date: \(Day(2026, 11, 1 + i % 20)), deliver: { order: O\(i) } }\n"
      text += "  - { date: \(Day(2026, 12, 1 + i % 20)), pay: { order: O\(i), amount: \"PHP \((1 + i % 50) * 350).00\" } }\n"
    }
    return text
  }

  static func Day(_ y: Int, _ m: Int, _ d: Int) -> String {
    String(format: "%04d-%02d-%02d", y, m, d)
  }

  static func digest(_ path: String) throws -> String {
    try CLI.sqlite(path, "SELECT value FROM meta WHERE key = 'ledger_digest'")
  }

  @Test("22 runs or more, half of them killed: the path always holds the previous or the new complete ledger, and it verifies")
  func killRuns() throws {
    let tmp = try CLI.tempDir()
    let ledger = tmp.appendingPathComponent("L.sqlite").path
    try Self.longScenario(orders: 1500, name: "first").write(to: tmp.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
    try Self.longScenario(orders: 1500, name: "second").write(to: tmp.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
    // The two complete ledgers, and how long a run takes.
    let started = Date()
    #expect(try CLI.run(["run", "b.yaml", "--db", "B.sqlite"], in: tmp).status == 0)
    let duration = Date().timeIntervalSince(started)
    #expect(try CLI.run(["run", "a.yaml", "--db", "L.sqlite"], in: tmp).status == 0)
    let digests = [try Self.digest(ledger), try Self.digest(tmp.appendingPathComponent("B.sqlite").path)]
    #expect(digests[0] != digests[1])

    var rng = SystemRandomNumberGenerator()
    var killed = 0
    // Kills at random moments within the measured run time; a run that finishes first
    // (the machine got faster, or busier when measuring) shortens the window, so that a
    // loaded machine still makes its kills instead of failing the test.
    var window = duration
    var attempt = 0
    while attempt < 22 || (killed < 11 && attempt < 60) {
      attempt += 1
      let process = Process()
      process.executableURL = CLI.executable
      process.arguments = ["run", attempt % 2 == 0 ? "b.yaml" : "a.yaml", "--db", "L.sqlite"]
      process.currentDirectoryURL = tmp
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      // Anywhere in the run, parsing and writing included (the measured run may have been
      // slower than these, so a few may finish first).
      let delay = Double.random(in: 0...window, using: &rng)
      Thread.sleep(forTimeInterval: delay)
      if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        killed += 1
      } else {
        window *= 0.7
      }
      process.waitUntilExit()
      let digest = try Self.digest(ledger)
      #expect(digests.contains(digest), "attempt \(attempt) (kill after \(delay) s): unknown ledger \(digest)")
      let verify = try CLI.run(["verify", "L.sqlite"], in: tmp)
      #expect(verify.status == 0, "attempt \(attempt) (kill after \(delay) s):\n\(verify.stdout)")
      #expect(!FileManager.default.fileExists(atPath: ledger + "-wal"))
      #expect(!FileManager.default.fileExists(atPath: ledger + "-journal"))
    }
    #expect(killed >= 11, "only \(killed) of \(attempt) runs were killed before they finished")
    // A complete run afterwards cleans up what killed runs left.
    #expect(try CLI.run(["run", "a.yaml", "--db", "L.sqlite"], in: tmp).status == 0)
    let left = try FileManager.default.contentsOfDirectory(atPath: tmp.path).sorted()
    #expect(left == ["B.sqlite", "L.sqlite", "a.yaml", "b.yaml"])
  }
}
