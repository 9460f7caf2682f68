import ACSADomain
import Foundation
import Testing

/// The format lives in the repository: its reference (`acsa format`,
/// docs/scenario-format.md), its JSON Schema (`acsa schema`, docs/scenario.schema.json,
/// checked with Python's `jsonschema`), and the sources every rule cites (docs/sources.md);
/// nothing points outside the repository but public sources.
@Suite("The format's reference, schema and sources, in the repository")
struct FormatDocsTests {
  static func file(_ path: String) throws -> String {
    try String(contentsOf: CLI.packageRoot.appendingPathComponent(path), encoding: .utf8)
  }

  @Test("`acsa format` prints docs/scenario-format.md")
  func format() throws {
    let out = try CLI.run(["format"])
    #expect(out.status == 0)
    #expect(out.stdout == (try Self.file("docs/scenario-format.md")), "run scripts/embed-docs after editing the doc")
  }

  @Test("the reference names every refusal and finding code")
  func codes() throws {
    let doc = try Self.file("docs/scenario-format.md")
    for code in RefusalCode.allCases { #expect(doc.contains("| `\(code.rawValue)` |"), "\(code.rawValue)") }
    for code in FindingCode.allCases { #expect(doc.contains("| `\(code.rawValue)` |"), "\(code.rawValue)") }
  }

  @Test("docs/scenario.schema.json is what `acsa schema` prints")
  func schemaFile() throws {
    let out = try CLI.run(["schema"])
    #expect(out.status == 0)
    #expect(out.stdout == (try Self.file("docs/scenario.schema.json")), "run `acsa schema > docs/scenario.schema.json`")
  }

  /// `ok FILE` or `invalid FILE: ...` per file, from Tests/acsaCLITests/Scripts/schema_check.py;
  /// nil (a recorded skip) when Python's jsonschema is not installed, outside CI.
  static func schemaCheck(_ files: [String]) throws -> [String: String]? {
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    probe.arguments = ["python3", "-c", "import jsonschema, yaml"]
    try probe.run()
    probe.waitUntilExit()
    if probe.terminationStatus != 0 {
      #expect(ProcessInfo.processInfo.environment["CI"] != "true", "Python's jsonschema and PyYAML are missing (.ci/run installs them)")
      return nil
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      [
        "python3", CLI.packageRoot.appendingPathComponent("Tests/acsaCLITests/Scripts/schema_check.py").path,
        CLI.packageRoot.appendingPathComponent("docs/scenario.schema.json").path,
      ] + files
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    var result: [String: String] = [:]
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
      let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { continue }
      let file = parts[1].split(separator: ":").first.map(String.init) ?? parts[1]
      result[file] = parts[0] == "ok" ? "ok" : String(line)
    }
    return result
  }

  @Test("every scenario and the starter validate against the schema (Python's jsonschema)")
  func scenariosValidate() throws {
    let dir = CLI.packageRoot.appendingPathComponent("scenarios")
    var files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.map {
      dir.appendingPathComponent($0).path
    }
    let tmp = try CLI.tempDir()
    #expect(try CLI.run(["new", "starter.yaml"], in: tmp).status == 0)
    files.append(tmp.appendingPathComponent("starter.yaml").path)
    guard let results = try Self.schemaCheck(files) else {
      withKnownIssue("Python's jsonschema is not installed here: skipped") { Issue.record("skipped") }
      return
    }
    #expect(results.count == files.count)
    for file in files { #expect(results[file] == "ok", "\(file): \(results[file] ?? "not checked")") }
  }

  @Test("the schema rejects the malformed examples it can see: types, keys, amounts, two actions, control characters")
  func malformedRejected() throws {
    let source = try String(contentsOfFile: CLI.scenario("kamandag-2026.yaml"), encoding: .utf8)
    // The schema-level cases of MalformedFileTests, and a few more.
    var cases: [(String, String, String)] = malformedCases.filter {
      ["wrong type", "unknown key", "bad amount", "YAML float amount"].contains($0.name)
    }.map { ($0.name, $0.from, $0.to) }
    #expect(cases.count == 4)
    cases += [
      ("a rate written as a number", "rate: \"0.3871\"", "rate: 0.3871"),
      ("two actions in one event", "    deliver: { order: JP-0001 } ", "    deliver: { order: JP-0001 }\n    close: { order: JP-0001 } "),
      ("a control character in an id", "order: { id: PH-0001,", "order: { id: \"PH-0001\\u0001\","),
      ("a category that does not exist", "kind: supply", "kind: supplies"),
    ]
    let tmp = try CLI.tempDir()
    var files: [String] = []
    for (i, c) in cases.enumerated() {
      #expect(source.contains(c.1), "\(c.0): the case's text is not in the scenario")
      let path = tmp.appendingPathComponent("bad-\(i).yaml").path
      try source.replacingOccurrences(of: c.1, with: c.2).write(toFile: path, atomically: true, encoding: .utf8)
      files.append(path)
      #expect(try CLI.run(["validate", path]).status == 2, "\(c.0): acsa accepts it")
    }
    guard let results = try Self.schemaCheck(files) else {
      withKnownIssue("Python's jsonschema is not installed here: skipped") { Issue.record("skipped") }
      return
    }
    for (c, file) in zip(cases, files) { #expect(results[file]?.hasPrefix("invalid") == true, "\(c.0): \(results[file] ?? "")") }
  }

  @Test("docs/sources.md has an id, a title, an issuer, a date and a link for every source")
  func sources() throws {
    let rows = try Self.file("docs/sources.md").split(separator: "\n").filter { $0.hasPrefix("| S") }
    #expect(rows.count == 30)
    for row in rows {
      let cells = row.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
      #expect(cells.count == 8, "\(row)")
      #expect(cells.dropFirst().dropLast().allSatisfy { !$0.isEmpty }, "\(row)")
      #expect(cells.count > 5 && cells[5].contains("http"), "\(row): no link")
    }
  }

  @Test("nothing the repository ships points outside it, but to public sources")
  func links() throws {
    let root = CLI.packageRoot
    let sources = try Self.file("docs/sources.md")
    var files = ["README.md", "BENCHMARKS.md"]
    for dir in ["docs", "scenarios", "Sources"] {
      let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(dir).path)
      while let name = enumerator?.nextObject() as? String {
        if name.hasSuffix(".md") || name.hasSuffix(".yaml") || name.hasSuffix(".swift") || name.hasSuffix(".json") {
          files.append(dir + "/" + name)
        }
      }
    }
    #expect(files.count > 50)
    let url = try Regex(#"https?://[^\s)"'`>\]|]+"#)
    let relative = try Regex(#"\]\(([^)#:]+)(#[^)]*)?\)"#)
    for file in files {
      let text = try Self.file(file)
      #expect(!text.contains("shared/spec") && !text.contains("shared/docs") && !text.contains("acsa-domain.md"), "\(file)")
      guard file != "docs/sources.md" else { continue }
      for match in text.matches(of: url) {
        let link = String(text[match.range]).trimmingCharacters(in: CharacterSet(charactersIn: ".,;"))
        let allowed = link.hasPrefix("https://json-schema.org/") || sources.contains(link)
        #expect(allowed, "\(file): \(link) is neither a public source of docs/sources.md nor the JSON Schema standard")
      }
      guard file.hasSuffix(".md") else { continue }
      for match in text.matches(of: relative) {
        let target = String(match.output[1].substring ?? "")
        let resolved = root.appendingPathComponent(file).deletingLastPathComponent().appendingPathComponent(target).standardized
        #expect(resolved.path.hasPrefix(root.standardized.path + "/"), "\(file): \(target) points outside the repository")
        #expect(FileManager.default.fileExists(atPath: resolved.path), "\(file): \(target) does not exist")
      }
    }
  }
}
