import ACSAFiles
import ACSAReports
import ACSAScenario
import ArgumentParser
import Foundation

struct New: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a commented starter scenario to edit.",
    discussion: """
      The starter is a small exercise that validates and runs with every expectation \
      passing: the agreement, two units, a catalog with both parties' own-force prices, \
      an exchange rate, an order settled in cash and one replaced in kind, their \
      deliveries and settlements, and expectations. Comments explain each section and \
      point to the scenario format (docs/scenario-format.md, `acsa format`), docs/tutorial.md \
      and `acsa glossary`; the last comment suggests changes to try.

      An existing FILE is kept unless --force is given. The file is written beside FILE \
      and renamed into place when complete.

      Examples:
        acsa new my-exercise.yaml
        acsa validate my-exercise.yaml
        acsa run my-exercise.yaml
        acsa balance my-exercise.sqlite
        acsa new my-exercise.yaml --force      # start again from the starter
      """)

  @Argument(help: "Where to write the scenario (e.g. my-exercise.yaml).")
  var file: String

  @Flag(help: "Replace FILE if it exists.")
  var force = false

  /// What `--force` replaces: a scenario (a YAML file with a top-level `scenario:`).
  static let scenarioKind = OutputKind(name: "a YAML scenario") { $0.kindDescription == "a YAML scenario" }

  /// Where the format's JSON Schema is, from the new file's folder: `docs/scenario.schema.json`
  /// of the first folder up from it that has one (the repository's), or else
  /// `scenario.schema.json` beside the file, for `acsa schema` to write.
  static func schemaPath(for file: String) -> (path: String, found: Bool, folder: String) {
    let folder = URL(fileURLWithPath: file).deletingLastPathComponent().standardizedFileURL
    var dir = folder
    var up = ""
    while true {
      if FileManager.default.fileExists(atPath: dir.appendingPathComponent("docs/scenario.schema.json").path) {
        return (up + "docs/scenario.schema.json", true, folder.path)
      }
      let parent = dir.deletingLastPathComponent()
      if parent.path == dir.path { break }
      dir = parent
      up += "../"
    }
    let shown = file.contains("/") ? String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)]) : "."
    return ("scenario.schema.json", false, shown)
  }

  func run() throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) {
      if isDirectory.boolValue {
        throw UsageProblem("\(file) is a folder; give the name of the scenario file to write, e.g. \(file)/exercise.yaml")
      }
      if !force {
        throw FileError(path: file, cause: .exists(advice: "use --force to replace it with the starter"), writing: true)
      }
    }
    let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    let schema = Self.schemaPath(for: file)
    let output = try AtomicOutput(path: file, kind: Self.scenarioKind)
    try output.write(StarterScenario.text(name: name, schema: schema.path))
    try output.commit()
    let ledger = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".sqlite"
    print(
      """
      Wrote \(file): a starter scenario (\(StarterScenario.orders) orders, \(StarterScenario.expectations) expectations) with comments on every section.
      Next:
        acsa validate \(file)
        acsa run \(file)
        acsa balance \(ledger)
      """)
    if !schema.found {
      print(
        "  acsa schema > \(schema.folder)/scenario.schema.json   (so that a YAML editor checks the file; it names it on its first line)")
    }
  }
}
