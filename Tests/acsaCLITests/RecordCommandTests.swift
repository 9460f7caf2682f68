import Foundation
import Testing

/// `acsa record` and `acsa run --clock`: a ledger kept event by event.
@Suite("acsa record: a ledger kept event by event")
struct RecordCommandTests {
  static let scenario = """
    scenario: { name: meals, start: 2026-10-01, end: 2026-12-31 }
    agreement: { id: T, in_force: 2026-09-01, activities: [training], categories: [food] }
    parties:
      JP: { name: Japan, currency: JPY, fiscal_year_start: 04-01 }
      PH: { name: Philippines, currency: PHP }
    units: [ { id: JPU, party: JP }, { id: PHU, party: PH } ]
    activities: [ { id: EX, type: training } ]
    catalog:
      - { id: MEAL, category: food, kind: supply, unit: meal, prices: [ { party: PH, from: 2026-01-01, price: "PHP 350.00" } ] }
    events:
      - { date: 2026-10-05, order: { id: O1, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 10 } ] } }

    """

  /// A folder with the scenario, started live at its clock (2026-10-05).
  static func started() throws -> URL {
    let tmp = try CLI.tempDir()
    try scenario.write(to: tmp.appendingPathComponent("meals.yaml"), atomically: true, encoding: .utf8)
    let out = try CLI.run(["run", "meals.yaml", "--clock", "2026-10-05", "--quiet"], in: tmp)
    if out.status != 0 { throw CLIError("run --clock failed: \(out.stderr)") }
    return tmp
  }

  static func write(_ text: String, _ name: String, in tmp: URL) throws {
    try text.write(to: tmp.appendingPathComponent(name), atomically: true, encoding: .utf8)
  }

  @Test(
    "delivered, overpaid (refused, with its rule and whose rule it is), paid: golden output, exit 1 for the refusal, and the ledger verifies"
  )
  func recordsInOrder() throws {
    let tmp = try Self.started()
    try Self.write(
      """
      - { date: 2026-10-06, deliver: { order: O1 } }
      - { date: 2026-10-07, pay: { order: O1, amount: "PHP 9000.00" } }
      - { date: 2026-10-08, pay: { order: O1, amount: "PHP 3500.00" } }
      """, "e.yaml", in: tmp)
    let out = try CLI.run(["record", "meals.sqlite", "e.yaml"], in: tmp)
    #expect(out.status == 1, "\(out.stderr)")
    try CLI.expectGolden(CLI.normalize(out.stdout, tmp: tmp), "record.txt")
    #expect(try CLI.run(["verify", "meals.sqlite"], in: tmp).status == 0)
    let balance = try CLI.run(["balance", "meals.sqlite", "--json"], in: tmp)
    #expect(balance.status == 0)
    #expect(!balance.stdout.contains("\"units\""), "nothing is owed once paid: \(balance.stdout)")
  }

  @Test("the file's errors at line and column, a date before the clock, a ledger from acsa run at its end: exit 2, nothing recorded")
  func badInput() throws {
    let tmp = try Self.started()
    let digest = try CLI.sqlite(tmp.appendingPathComponent("meals.sqlite").path, "SELECT value FROM meta WHERE key = 'ledger_digest'")
    try Self.write("- { date: 2026-10-06, deliver: { order: O9, lines: [ { item: MEAT, qty: 1 } ] } }\n", "bad.yaml", in: tmp)
    let bad = try CLI.run(["record", "meals.sqlite", "bad.yaml"], in: tmp)
    #expect(bad.status == 2)
    #expect(
      bad.stderr
        == """
        bad.yaml:1:41: error: [0].deliver.order: unknown order id 'O9'; did you mean 'O1'?
        bad.yaml:1:62: error: [0].deliver.lines[0].item: unknown item 'MEAT'; did you mean 'MEAL'?

        """)
    try Self.write("{ date: 2026-10-04, deliver: { order: O1 } }\n", "early.yaml", in: tmp)
    let early = try CLI.run(["record", "meals.sqlite", "early.yaml"], in: tmp)
    #expect(early.status == 2)
    #expect(early.stderr.contains("the exercise's clock stands at 2026-10-05: an event dated 2026-10-04 comes too late to be recorded"))
    #expect(early.stderr.contains("[before_clock]"))
    #expect(try CLI.sqlite(tmp.appendingPathComponent("meals.sqlite").path, "SELECT value FROM meta WHERE key = 'ledger_digest'") == digest)
    // A run to the end: its clock is the end.
    #expect(try CLI.run(["run", "meals.yaml", "--db", "full.sqlite", "--quiet"], in: tmp).status == 0)
    try Self.write("{ date: 2026-11-04, deliver: { order: O1 } }\n", "later.yaml", in: tmp)
    let ended = try CLI.run(["record", "full.sqlite", "later.yaml"], in: tmp)
    #expect(ended.status == 2)
    #expect(ended.stderr.contains("the exercise's clock stands at 2026-12-31"))
  }

  @Test("run --clock refuses a scenario with events after the clock, and one with generators")
  func clockRefusals() throws {
    let tmp = try Self.started()
    let late = try CLI.run(["run", "meals.yaml", "--clock", "2026-10-04", "--db", "x.sqlite"], in: tmp)
    #expect(late.status == 2)
    #expect(
      late.stderr.contains("meals.yaml:11:5: 1 scripted event is dated after the clock 2026-10-04 (the first on 2026-10-05)"),
      "\(late.stderr)")
    let generated = try CLI.run(["run", CLI.scenario("programme-2027.yaml"), "--clock", "2027-01-01", "--db", "y.sqlite"], in: tmp)
    #expect(generated.status == 2)
    #expect(generated.stderr.contains("a live exercise cannot start from a scenario with generators"))
    #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("x.sqlite").path))
  }

  /// 300 events: 100 cash orders placed, delivered and paid.
  static func manyEvents() -> [String] {
    var lines: [String] = []
    for i in 0..<100 {
      let day = String(format: "2026-10-%02d", 6 + i % 20)
      lines.append(
        "- { date: \(day), order: { id: P\(i), activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 1 } ] } }"
      )
    }
    for i in 0..<100 { lines.append("- { date: 2026-11-\(String(format: "%02d", 1 + i % 20)), deliver: { order: P\(i) } }") }
    for i in 0..<100 {
      lines.append("- { date: 2026-12-\(String(format: "%02d", 1 + i % 20)), pay: { order: P\(i), amount: \"PHP 350.00\" } }")
    }
    // In date order.
    return lines.sorted { $0.prefix(20) < $1.prefix(20) }
  }

  @Test("SIGKILL while recording: every event said to be recorded is in the ledger, at most one more, and the ledger verifies")
  func killWhileRecording() throws {
    let tmp = try Self.started()
    let events = Self.manyEvents()
    try Self.write(events.joined(separator: "\n") + "\n", "all.yaml", in: tmp)
    // The digest of all of them recorded at once, on a copy.
    try FileManager.default.copyItem(at: tmp.appendingPathComponent("meals.sqlite"), to: tmp.appendingPathComponent("copy.sqlite"))
    #expect(try CLI.run(["record", "copy.sqlite", "all.yaml"], in: tmp).status == 0)
    let fullDigest = try CLI.sqlite(tmp.appendingPathComponent("copy.sqlite").path, "SELECT value FROM meta WHERE key = 'ledger_digest'")

    var rng = SystemRandomNumberGenerator()
    var recorded = 0
    var kills = 0
    var attempts = 0
    while recorded < events.count && attempts < 30 {
      attempts += 1
      try Self.write(events[recorded...].joined(separator: "\n") + "\n", "rest.yaml", in: tmp)
      let process = Process()
      process.executableURL = CLI.executable
      process.arguments = ["record", "meals.sqlite", "rest.yaml"]
      process.currentDirectoryURL = tmp
      let out = Pipe()
      process.standardOutput = out
      process.standardError = FileHandle.nullDevice
      try process.run()
      // Killed after a random number of acknowledgements (none: while it starts and
      // verifies), a random instant later: before, within or after the next transaction.
      // From the tenth attempt on, it runs to the end.
      var text = ""
      func said() -> Int { text.split(separator: "\n").filter { $0.hasPrefix("event ") }.count }
      if attempts < 10 {
        let target = Int.random(in: 0...min(events.count - recorded, 60), using: &rng)
        while said() < target {
          let chunk = out.fileHandleForReading.availableData
          if chunk.isEmpty { break }
          text += String(decoding: chunk, as: UTF8.self)
        }
        usleep(UInt32.random(in: 0...3000, using: &rng))
        if process.isRunning {
          kill(process.processIdentifier, SIGKILL)
          kills += 1
        }
      }
      process.waitUntilExit()
      text += String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      let verify = try CLI.run(["verify", "meals.sqlite"], in: tmp)
      #expect(verify.status == 0, "attempt \(attempts):\n\(verify.stdout)\(verify.stderr)")
      // The first event (the scenario's order) is not one of these.
      let inLedger = Int(try CLI.sqlite(tmp.appendingPathComponent("meals.sqlite").path, "SELECT COUNT(*) FROM events")) ?? 0
      let now = inLedger - 1
      #expect(now >= recorded + said() && now <= recorded + said() + 1, "attempt \(attempts): \(said()) said, \(now - recorded) recorded")
      recorded = now
    }
    #expect(recorded == events.count)
    #expect(kills >= 5, "only \(kills) of \(attempts) were killed")
    #expect(
      try CLI.sqlite(tmp.appendingPathComponent("meals.sqlite").path, "SELECT value FROM meta WHERE key = 'ledger_digest'") == fullDigest)
    #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("meals.sqlite-wal").path))
  }
}
