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
