import Foundation
import Testing

/// `acsa serve` running as a process of its own, on a free port of the loopback.
final class ServedExercise {
  let process = Process()
  let url: String
  /// The accounts' passwords, as the first start printed them.
  let passwords: [String: String]
  let ledger: String
  private let output: Pipe

  init(scenario: String, ledger: String, in directory: URL, extra: [String] = []) throws {
    self.ledger = ledger
    process.executableURL = CLI.executable
    process.arguments = ["serve", scenario, "--db", ledger, "--port", "0"] + extra
    process.currentDirectoryURL = directory
    output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    var text = ""
    let deadline = Date().addingTimeInterval(120)
    while !text.contains(" (Ctrl-C stops)\n") && Date() < deadline {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      text += String(decoding: chunk, as: UTF8.self)
    }
    guard let line = text.split(separator: "\n").first(where: { $0.hasSuffix(" (Ctrl-C stops)") }),
      let at = line.range(of: " at "), let end = line.range(of: "/ (Ctrl-C stops)")
    else {
      process.terminate()
      throw CLIError("acsa serve did not say where it listens: \(text)")
    }
    url = String(line[at.upperBound..<end.lowerBound])
    var passwords: [String: String] = [:]
    for l in text.split(separator: "\n") where l.contains("password: ") {
      let words = l.split(separator: " ")
      if let name = words.first, let password = words.last { passwords[String(name)] = String(password) }
    }
    self.passwords = passwords
  }

  /// Stops the server as Ctrl-C does; its exit status.
  @discardableResult
  func stop() -> Int32 {
    if process.isRunning { kill(process.processIdentifier, SIGINT) }
    process.waitUntilExit()
    return process.terminationStatus
  }

  deinit {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }
}

@Suite("The live exercise in a browser")
struct LiveBrowserTests {
  /// Selenium and chromedriver: CI installs both, so there a missing one is a failure.
  static var runnable: Bool {
    Browser.required
      || (Tool.find(["chromedriver"]) != nil
        && (try? Tool.run("/usr/bin/env", ["python3", "-c", "import selenium"], timeout: 60).status) == 0)
  }

  @Test(
    "JP and PH play an order through in headless Chromium; control sees the books agree, then a lapse as book_mismatch, which acsa audit finds too",
    .enabled(if: runnable, "needs chromium, chromedriver and Python's selenium (CI installs them)"))
  func exercise() throws {
    let tmp = try CLI.tempDir()
    let served = try ServedExercise(scenario: CLI.scenario("live-exercise-2026.yaml"), ledger: "exercise.sqlite", in: tmp)
    #expect(Set(served.passwords.keys) == ["jp", "ph", "control"])
    let passwords = tmp.appendingPathComponent("passwords.json")
    try JSONSerialization.data(withJSONObject: served.passwords).write(to: passwords)
    // Screenshots: for the README when ACSA_SCREENSHOTS names a folder.
    let shots =
      ProcessInfo.processInfo.environment["ACSA_SCREENSHOTS"].map { URL(fileURLWithPath: $0) } ?? tmp.appendingPathComponent("shots")
    let script = CLI.packageRoot.appendingPathComponent("Tests/acsaCLITests/Scripts/live_browser.py").path
    let browser = try Tool.run("/usr/bin/env", ["python3", script, served.url, passwords.path, shots.path], timeout: 600)
    #expect(browser.status == 0, "\(browser.stdout)\n\(browser.stderr.suffix(3000))")
    #expect(browser.stdout.contains("browser test passed"))
    for name in ["live-team-jp.png", "live-team-ph.png", "live-control.png", "live-control-lapse.png"] {
      #expect(FileManager.default.fileExists(atPath: shots.appendingPathComponent(name).path), "\(name)")
    }

    // The ledger, read while the server holds it: it verifies, and the audit finds the lapse.
    let verify = try CLI.run(["verify", "exercise.sqlite"], in: tmp)
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    let audit = try CLI.run(["audit", "exercise.sqlite", "--json"], in: tmp)
    let findings = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
    let items = try #require(findings["findings"] as? [[String: Any]])
    #expect(items.contains { $0["code"] as? String == "book_mismatch" && $0["order"] as? String == "PH-0001" }, "\(audit.stdout)")
    #expect(served.stop() == 0)
    // Stopped: one file again, which verifies.
    #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("exercise.sqlite-wal").path))
    #expect(try CLI.run(["verify", "exercise.sqlite"], in: tmp).status == 0)
  }
}

@Suite("acsa serve killed while clients post")
struct ServeKillTests {
  @Test(
    "SIGKILL at a random moment: every answered event is in the ledger, at most one per unanswered request more, it verifies, and the exercise resumes"
  )
  func killed() throws {
    var rng = SystemRandomNumberGenerator()
    var answered = 0
    for round in 0..<2 {
      let tmp = try CLI.tempDir()
      let served = try ServedExercise(scenario: CLI.scenario("live-exercise-2026.yaml"), ledger: "exercise.sqlite", in: tmp)
      let client = Process()
      client.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      let script = CLI.packageRoot.appendingPathComponent("Tests/acsaCLITests/Scripts/live_clients.py").path
      client.arguments = ["python3", script, served.url, try #require(served.passwords["control"]), "4"]
      let out = Pipe()
      client.standardOutput = out
      try client.run()
      // Killed after a random while: during sign-in, or with appends in flight.
      usleep(UInt32.random(in: 2_500_000...5_000_000, using: &rng))
      kill(served.process.processIdentifier, SIGKILL)
      served.process.waitUntilExit()
      let data = out.fileHandleForReading.readDataToEndOfFile()
      client.waitUntilExit()
      let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "round \(round)")
      let acknowledged = try #require(report["acknowledged"] as? [String: String])
      let unanswered = try #require(report["unanswered"] as? Int)
      #expect(unanswered <= 4)
      answered += acknowledged.count
      let logged = try CLI.sqlite(
        tmp.appendingPathComponent("exercise.sqlite").path, "SELECT seq || ' ' || outcome FROM events WHERE seq > 1"
      )
      .split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
      var inLog: [String: String] = [:]
      for row in logged where row.count == 2 { inLog[row[0]] = row[1] }
      for (seq, outcome) in acknowledged { #expect(inLog[seq] == outcome, "round \(round): event \(seq) was answered \(outcome)") }
      let extra = inLog.keys.filter { acknowledged[$0] == nil }
      #expect(extra.count <= unanswered, "round \(round): logged without an answer: \(extra.sorted())")
      let verify = try CLI.run(["verify", "exercise.sqlite"], in: tmp)
      #expect(verify.status == 0, "round \(round): \(verify.stdout)\(verify.stderr)")
      // The exercise resumes on the ledger the kill left.
      let again = try ServedExercise(scenario: CLI.scenario("live-exercise-2026.yaml"), ledger: "exercise.sqlite", in: tmp)
      #expect(again.passwords.isEmpty, "the accounts were kept")
      #expect(again.stop() == 0)
      #expect(try CLI.run(["verify", "exercise.sqlite"], in: tmp).status == 0)
    }
    #expect(answered > 0, "the kills came while events were being recorded")
    print("ServeKillTests: \(answered) events answered before the kills")
  }
}
