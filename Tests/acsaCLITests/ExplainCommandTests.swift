import Foundation
import Testing

@Suite("acsa explain, end to end")
struct ExplainCommandTests {
  static let escape = "\u{1B}["

  @Test("golden: acsa explain on the KAMANDAG scenario, as piped (no colour)")
  func goldenExplain() throws {
    let tmp = try CLI.tempDir()
    let out = try CLI.run(["explain", CLI.scenario("kamandag-2026.yaml")], in: tmp)
    #expect(out.status == 0, "\(out.stderr)")
    #expect(out.stderr.isEmpty)
    #expect(!out.stdout.contains(Self.escape))
    try CLI.expectGolden(CLI.normalize(out.stdout, tmp: tmp), "explain-kamandag-2026.txt")
    // explain writes no ledger.
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty)
  }

  @Test("colour with --color always, even piped or with NO_COLOR; none piped, none with --color never")
  func colourWhenAsked() throws {
    let file = CLI.scenario("kamandag-2026.yaml")
    let always = try CLI.run(["explain", file, "--color", "always"])
    #expect(always.status == 0)
    #expect(always.stdout.contains(Self.escape))
    // Without escape codes the text is the same as piped.
    let plain = try CLI.run(["explain", file])
    let stripped = always.stdout.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    #expect(stripped == plain.stdout)
    // Piped, NO_COLOR empty (that is, not set) or set: no colour.
    for noColor in ["", "1"] {
      let piped = try CLI.run(["explain", file], environment: ["NO_COLOR": noColor, "TERM": "xterm-256color"])
      #expect(!piped.stdout.contains(Self.escape), "NO_COLOR='\(noColor)'")
    }
    let never = try CLI.run(["explain", file, "--color", "never"], environment: ["NO_COLOR": ""])
    #expect(!never.stdout.contains(Self.escape))
    let bad = try CLI.run(["explain", file, "--color", "sometimes"])
    #expect(bad.status != 0)
  }

  /// Whether script(1) can give a command a pseudo-terminal here (a machine without
  /// either cannot run the terminal test, which is then reported as skipped).
  static let terminalAvailable: Bool = {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return false }
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    probe.arguments = ["-qec", "true", "/dev/null"]
    probe.standardOutput = FileHandle.nullDevice
    probe.standardError = FileHandle.nullDevice
    guard (try? probe.run()) != nil else { return false }
    probe.waitUntilExit()
    return probe.terminationStatus == 0
  }()

  @Test(
    "on a terminal: colour unless NO_COLOR is set; --step waits for Enter, q quits",
    .enabled(if: terminalAvailable, "needs script(1) and a pseudo-terminal"))
  func terminal() throws {
    let file = CLI.scenario("kamandag-2026.yaml")
    // Standard input ends at once: --step stops waiting and runs to the end.
    let coloured = try Self.inTerminal("explain '\(file)' --step", input: "", environment: [:])
    #expect(coloured.status == 0, "\(coloured.errors)")
    #expect(coloured.output.contains(Self.escape))
    #expect(coloured.output.contains("At the end of 31 December 2027"))
    let noColour = try Self.inTerminal("explain '\(file)'", input: "", environment: ["NO_COLOR": "1"])
    #expect(noColour.status == 0)
    #expect(!noColour.output.contains(Self.escape))
    #expect(noColour.output.contains("At the end of 31 December 2027"))
    // q at the first prompt: the introduction, the prompt, and no day.
    let quit = try Self.inTerminal("explain '\(file)' --step --color never", input: "q\n", environment: [:])
    #expect(quit.status == 0)
    #expect(quit.output.contains("-- Enter: next day, c: run to the end, q: quit --"))
    #expect(!quit.output.contains("Monday 5 October 2026"))
  }

  @Test("--step with standard input and output not a terminal waits for nothing")
  func stepNotATerminal() throws {
    let file = CLI.scenario("kamandag-2026.yaml")
    let plain = try CLI.run(["explain", file])
    // Standard input is a pipe that stays open and never carries a byte.
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = ["explain", file, "--step"]
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    process.environment = env
    let input = Pipe()
    let out = Pipe()
    process.standardInput = input
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    try process.run()
    let box = DataBox()
    let reader = DispatchGroup()
    reader.enter()
    DispatchQueue.global().async {
      box.data = out.fileHandleForReading.readDataToEndOfFile()
      reader.leave()
    }
    let finished = done.wait(timeout: .now() + 60) == .success
    if !finished { process.terminate() }
    reader.wait()
    try input.fileHandleForWriting.close()
    #expect(finished, "explain --step waited on a standard input that is not a terminal")
    #expect(process.terminationStatus == 0)
    #expect(String(decoding: box.data, as: UTF8.self) == plain.stdout)
  }

  @Test("a failed expectation exits 1 and says expected and actual, like run")
  func failedExpectation() throws {
    let tmp = try CLI.tempDir()
    let source = try String(contentsOfFile: CLI.scenario("kamandag-2026.yaml"), encoding: .utf8)
      .replacingOccurrences(of: "cash: \"PHP 2142000.00\"", with: "cash: \"PHP 2000000.00\"")
    try source.write(to: tmp.appendingPathComponent("wrong.yaml"), atomically: true, encoding: .utf8)
    let out = try CLI.run(["explain", "wrong.yaml"], in: tmp)
    #expect(out.status == 1)
    #expect(out.stdout.contains("FAILED    line 104  Expected: JP owes PH PHP 2,000,000.00 in cash, in both books: does not hold."))
    #expect(out.stdout.contains("expected PHP 2000000.00; actual JP book: PHP 2142000.00; PH book: PHP\n"))
    #expect(out.stdout.contains("Checks (`expect`): 9 passed, 1 failed."))
  }

  @Test("a file that cannot be read: exit 2, as run")
  func missingFile() throws {
    let tmp = try CLI.tempDir()
    let out = try CLI.run(["explain", "nope.yaml"], in: tmp)
    #expect(out.status == 2)
    #expect(out.stderr.hasPrefix("nope.yaml: error: no such file"))
    #expect(out.stdout.isEmpty)
  }

  @Test("refusals name their code, reason, rule and source; findings arise on their day")
  func refusalsAndFindings() throws {
    let out = try CLI.run(["explain", CLI.scenario("teaching-refusals.yaml")])
    #expect(out.status == 0)
    #expect(out.stdout.contains("  REFUSED   JP-0009   PMC Marine Battalion Landing Team 4 (PH) asks JGSDF Amphibious Rapid\n"))
    #expect(out.stdout.contains("excluded_category (r-excluded, line 210): HOWA-20 is a weapon; weapons are"))
    #expect(out.stdout.contains("Rule: Weapons are never provided under an ACSA."))
    #expect(out.stdout.components(separatedBy: "  REFUSED ").count - 1 == 26)
    #expect(out.stdout.components(separatedBy: "Source: ").count - 1 >= 27)
    let audit = try CLI.run(["explain", CLI.scenario("auditor-training.yaml")])
    #expect(audit.status == 0)
    for code in [
      "unsigned_order", "no_receipt", "no_claim", "not_invoiced", "late_payment", "overdue", "book_mismatch", "closed_with_balance",
    ] {
      #expect(audit.stdout.contains("  finding   ") && audit.stdout.contains(code + " ("), "\(code)")
    }
    #expect(audit.stdout.contains("Owed at the end of the day; the two books differ:"))
    #expect(audit.stdout.contains("Recorded in JP's book only: PH's book misses it (a lost record)."))
  }

  @Test("--json: the same walkthrough as data")
  func json() throws {
    let out = try CLI.run(["explain", CLI.scenario("teaching-refusals.yaml"), "--json"])
    #expect(out.status == 0)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    #expect(Set(json.keys) == ["scenario", "agreement", "parties", "days", "summary"])
    let agreement = try #require(json["agreement"] as? [String: Any])
    #expect(agreement["tax_exempt"] as? Bool == true)
    let scenario = try #require(json["scenario"] as? [String: Any])
    #expect((scenario["description"] as? String)?.hasPrefix("A bilateral training period in Luzon") == true)
    let days = try #require(json["days"] as? [[String: Any]])
    let steps = days.flatMap { ($0["steps"] as? [[String: Any]]) ?? [] }
    let refused = steps.filter { $0["kind"] as? String == "refused" }
    #expect(refused.count == 26)
    for step in refused {
      #expect((step["rule"] as? String)?.isEmpty == false)
      #expect((step["source"] as? String)?.isEmpty == false)
      #expect(step["code"] is String)
    }
    let summary = try #require(json["summary"] as? [String: Any])
    #expect(summary["refused"] as? Int == 26)
    #expect(summary["expectations_failed"] as? Int == 0)
  }

  @Test("--help teaches: what is narrated, --step, colour, exit status")
  func help() throws {
    let out = try CLI.run(["help", "explain"])
    #expect(out.status == 0)
    for text in ["--step", "--color", "NO_COLOR", "--json", "Exit status", "acsa explain scenarios/kamandag-2026.yaml"] {
      #expect(out.stdout.contains(text), "\(text)")
    }
  }

  /// Runs `acsa ARGUMENTS` in a pseudo-terminal (util-linux `script`), with `input` typed.
  static func inTerminal(
    _ arguments: String, input: String, environment: [String: String]
  ) throws -> (status: Int32, output: String, errors: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = ["-qec", "'\(CLI.executable.path)' \(arguments)", "/dev/null"]
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = nil
    env["FORCE_COLOR"] = nil
    env["TERM"] = "xterm"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let stdin = Pipe()
    let out = Pipe()
    process.standardInput = stdin
    process.standardOutput = out
    let err = Pipe()
    process.standardError = err
    try process.run()
    let box = DataBox()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      box.data = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    try stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: box.data, as: UTF8.self))
  }
}
