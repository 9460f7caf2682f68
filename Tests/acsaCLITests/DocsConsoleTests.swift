import Foundation
import Testing

/// The README and every page of docs/ stay true: each `console` block's commands are run,
/// in the page's order, in one shell in a fresh folder (with `scenarios/` and the built
/// `acsa` at hand), and the lines pasted under each command must be in its output, in
/// order (`...` stands for any lines); a command shown with nothing under it must print
/// nothing.
///
/// A page prepares what its examples need with hidden steps, `<!-- setup: COMMAND -->`,
/// run where they stand (a failing setup fails the test). Output that is not a command's
/// goes in a `text` block, so that every `console` block starts with a command.
@Suite("Console blocks of README.md and docs/*.md")
struct DocsConsoleTests {
  /// One step of a page: a command (with the lines pasted under it) or a hidden setup.
  struct Step {
    let line: Int
    let command: String
    let setup: Bool
    var expected: [String] = []
  }

  struct Block {
    let line: Int
    let firstLine: String?
  }

  static let pages: [String] = {
    let docs = (try? FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("docs").path)) ?? []
    return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
  }()

  /// The steps of a page, and its console blocks (for the check that each starts with a
  /// command).
  static func parse(_ text: String) -> (steps: [Step], blocks: [Block]) {
    var steps: [Step] = []
    var blocks: [Block] = []
    var inConsole = false
    var inFence = false
    var current: Int?
    for (i, line) in text.components(separatedBy: "\n").enumerated() {
      if line.hasPrefix("```") {
        if inFence {
          inFence = false
          inConsole = false
          current = nil
        } else {
          inFence = true
          inConsole = line == "```console"
          if inConsole { blocks.append(Block(line: i + 1, firstLine: nil)) }
        }
        continue
      }
      if !inFence, line.hasPrefix("<!-- setup: "), line.hasSuffix(" -->") {
        let command = String(line.dropFirst("<!-- setup: ".count).dropLast(" -->".count))
        steps.append(Step(line: i + 1, command: command, setup: true))
        continue
      }
      guard inConsole else { continue }
      if let last = blocks.last, last.firstLine == nil { blocks[blocks.count - 1] = Block(line: last.line, firstLine: line) }
      if line.hasPrefix("$ ") {
        steps.append(Step(line: i + 1, command: String(line.dropFirst(2)), setup: false))
        current = steps.count - 1
      } else if let current {
        steps[current].expected.append(line)
      }
    }
    return (steps, blocks)
  }

  /// Whether `expected` (with `...` standing for any lines) appears in `actual` in
  /// order; the first line that does not, otherwise.
  static func appearsInOrder(_ expected: [String], in actual: [String]) -> String? {
    var index = 0
    for line in expected where line.trimmingCharacters(in: .whitespaces) != "..." {
      guard index <= actual.count, let found = actual[index...].firstIndex(of: line) else { return line }
      index = found + 1
    }
    return nil
  }

  /// Durations (`1.7 s`, `0.03 s`) differ from run to run.
  static func normalized(_ line: String) -> String {
    line.replacingOccurrences(of: #"\b[0-9]+(\.[0-9]+)? s\b"#, with: "N s", options: .regularExpression)
  }

  @Test("the README's table of subcommands lists every option of every subcommand")
  func everyOption() throws {
    let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let rows = readme.components(separatedBy: "\n").filter { $0.hasPrefix("| `") }
    let help = try CLI.run(["--help"]).stdout
    let commands =
      help.components(separatedBy: "SUBCOMMANDS:").last?.components(separatedBy: "\n").compactMap { line -> String? in
        let words = line.split(separator: " ")
        guard line.hasPrefix("  "), !line.hasPrefix("    "), let first = words.first, first.allSatisfy(\.isLowercase) else { return nil }
        return String(first)
      } ?? []
    #expect(commands.count >= 15, "\(commands)")
    for command in commands where command != "help" {
      let mine = rows.filter { $0.hasPrefix("| `\(command) ") || $0.hasPrefix("| `\(command)`") }
      #expect(!mine.isEmpty, "no row for \(command) in the README's table")
      let page = try CLI.run(["help", command]).stdout
      let options = (page.components(separatedBy: "OPTIONS:").last ?? "").components(separatedBy: "\n").compactMap { line -> String? in
        guard let range = line.range(of: #"^  (-[a-z], )?--[a-z-]+"#, options: .regularExpression) else { return nil }
        return String(line[range].split(separator: " ").last ?? "")
      }
      for option in options where option != "--help" && option != "--version" {
        #expect(mine.contains { $0.contains("`\(option)") }, "the README's table does not list \(command) \(option)")
      }
    }
  }

  @Test("every console block starts with a command", arguments: pages)
  func blocksStartWithACommand(_ page: String) throws {
    let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(page), encoding: .utf8)
    for block in Self.parse(text).blocks {
      #expect(block.firstLine?.hasPrefix("$ ") == true, "\(page):\(block.line): a console block that does not start with `$ `")
    }
  }

  @Test("the output pasted under each command is what it prints", arguments: pages)
  func pastedOutput(_ page: String) throws {
    let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(page), encoding: .utf8)
    let steps = Self.parse(text).steps
    guard !steps.isEmpty else { return }
    let tmp = try CLI.tempDir()
    let out = tmp.appendingPathComponent(".out")
    let bin = tmp.appendingPathComponent(".bin")
    let work = tmp.appendingPathComponent("work")
    for dir in [out, bin, work] { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
    try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("acsa"), withDestinationURL: CLI.executable)
    for folder in ["scenarios", "docs"] {
      try FileManager.default.createSymbolicLink(
        at: work.appendingPathComponent(folder), withDestinationURL: CLI.packageRoot.appendingPathComponent(folder))
    }

    // One shell for the page: each step's output and status in files; `$?` is the
    // previous command's status, as at a prompt.
    var script = "s=0\n"
    for (i, step) in steps.enumerated() {
      script += "(exit $s); { \(step.command)\n} >'\(out.path)/\(i)' 2>&1; s=$?; echo $s >'\(out.path)/\(i).status'\n"
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    process.currentDirectoryURL = work
    var env = ProcessInfo.processInfo.environment
    env["PATH"] = bin.path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "100"
    process.environment = env
    try process.run()
    process.waitUntilExit()

    for (i, step) in steps.enumerated() {
      let output = (try? String(contentsOf: out.appendingPathComponent("\(i)"), encoding: .utf8)) ?? ""
      let status = (try? String(contentsOf: out.appendingPathComponent("\(i).status"), encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines)
      if step.setup {
        #expect(status == "0", "\(page):\(step.line): setup `\(step.command)` failed (status \(status ?? "none")):\n\(output)")
        continue
      }
      let actual = output.components(separatedBy: "\n").map(Self.normalized)
      // A command shown with nothing under it prints nothing.
      if step.expected.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
        #expect(output.isEmpty, "\(page):\(step.line): `\(step.command)` prints something the page does not show:\n\(output)")
        continue
      }
      let missing = Self.appearsInOrder(step.expected.map(Self.normalized), in: actual)
      #expect(
        missing == nil, "\(page):\(step.line): `\(step.command)`: the page's line `\(missing ?? "")` is not in its output:\n\(output)")
    }
  }
}
