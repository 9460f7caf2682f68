import ACSAReports
import Foundation
import Testing

/// docs/tutorial.md stays true: its glossary links point at terms, and the output it
/// pastes is what the commands print today.
@Suite("docs/tutorial.md")
struct TutorialTests {
  static var tutorial: String {
    get throws { try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/tutorial.md"), encoding: .utf8) }
  }

  @Test("every glossary link names a term's anchor, and the tutorial links at least 20 terms")
  func glossaryLinks() throws {
    let text = try Self.tutorial
    let anchors = Set(Glossary.terms.map(\.anchor))
    var linked: Set<String> = []
    var rest = text[...]
    while let range = rest.range(of: "(glossary.md#") {
      let tail = rest[range.upperBound...]
      let anchor = String(tail.prefix { $0 != ")" })
      #expect(anchors.contains(anchor), "glossary.md#\(anchor) is not a term")
      linked.insert(anchor)
      rest = tail
    }
    #expect(linked.count >= 20, "only \(linked.count) terms linked")
  }

  /// The console blocks: each `$ acsa ...` command with the lines pasted after it.
  static func consoleCommands(_ text: String) -> [(command: [String], expected: [String])] {
    var result: [(command: [String], expected: [String])] = []
    var inConsole = false
    for line in text.components(separatedBy: "\n") {
      if line.hasPrefix("```") {
        inConsole = line == "```console"
        continue
      }
      guard inConsole else { continue }
      if line.hasPrefix("$ ") {
        result.append((line.dropFirst(2).split(separator: " ").map(String.init), []))
      } else if !result.isEmpty {
        result[result.count - 1].expected.append(line)
      }
    }
    return result
  }

  /// Whether `expected` (with `...` standing for any lines) appears in `actual` in order.
  static func appearsInOrder(_ expected: [String], in actual: [String]) -> String? {
    var index = 0
    for line in expected where line != "..." && line.trimmingCharacters(in: .whitespaces) != "..." {
      guard let found = actual[index...].firstIndex(of: line) else { return line }
      index = found + 1
    }
    return nil
  }

  @Test("the pasted output is what the commands print")
  func pastedOutput() throws {
    let tmp = try CLI.tempDir()
    try FileManager.default.createSymbolicLink(
      at: tmp.appendingPathComponent("scenarios"), withDestinationURL: CLI.packageRoot.appendingPathComponent("scenarios"))
    // broken.yaml: the starter with the two mistakes the tutorial describes.
    #expect(try CLI.run(["new", "starter.yaml"], in: tmp).status == 0)
    var lines = try String(contentsOf: tmp.appendingPathComponent("starter.yaml"), encoding: .utf8).components(separatedBy: "\n")
    // The first price of the catalog, and the first order of diesel.
    let price = try #require(lines.firstIndex { $0.contains("price: \"PHP 1500.00\"") })
    let order = try #require(lines.firstIndex { $0.contains("lines: [ { item: DIESEL") })
    lines[price] = lines[price].replacingOccurrences(of: "\"PHP 1500.00\"", with: "\"PHP 1,500.00\"")
    lines[order] = lines[order].replacingOccurrences(of: "item: DIESEL", with: "item: DEISEL")
    try lines.joined(separator: "\n").write(to: tmp.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)

    let commands = Self.consoleCommands(try Self.tutorial)
    #expect(commands.count >= 15)
    for (command, expected) in commands where command.first == "acsa" {
      let out = try CLI.run(Array(command.dropFirst()), in: tmp)
      let actual = (out.stdout + out.stderr).components(separatedBy: "\n")
      let missing = Self.appearsInOrder(expected, in: actual)
      #expect(
        missing == nil, "`\(command.joined(separator: " "))`: the tutorial's line `\(missing ?? "")` is not in:\n\(out.stdout)\(out.stderr)"
      )
    }
  }
}
