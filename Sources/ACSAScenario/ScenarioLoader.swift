import ACSADomain
import Foundation
import Yams

/// Reads a scenario file (see `scenario-format.md`) and checks it statically: every
/// static error of the file is reported, sorted by line and column.
public enum ScenarioLoader {
  /// Reads and parses a file. Unreadable file: one Diagnostic with line 0.
  public static func load(path: String) throws(ScenarioErrors) -> Scenario {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ScenarioErrors([Diagnostic(file: path, line: 0, column: 0, message: "no such file")])
    }
    guard !isDirectory.boolValue else {
      throw ScenarioErrors([Diagnostic(file: path, line: 0, column: 0, message: "is a directory, not a scenario file")])
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ScenarioErrors([Diagnostic(file: path, line: 0, column: 0, message: "cannot read the file")])
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ScenarioErrors([Diagnostic(file: path, line: 0, column: 0, message: "the file is not UTF-8 text")])
    }
    return try parse(text: text, file: path)
  }

  /// Parses text; `file` is the name used in every diagnostic.
  public static func parse(text: String, file: String) throws(ScenarioErrors) -> Scenario {
    let composed = YAMLComposer.compose(text, file: file)
    if !composed.diagnostics.isEmpty { throw ScenarioErrors(composed.diagnostics) }
    let reader = NodeReader(file: file, renamedKeys: composed.renamedKeys)
    guard let root = composed.node else {
      reader.error(
        at: TextPosition(line: 1, column: 1),
        "the file is empty: expected a mapping with keys \(ScenarioBuilder.requiredTopLevelKeys.joined(separator: ", "))"
      )
      throw ScenarioErrors(reader.sortedDiagnostics)
    }
    let builder = ScenarioBuilder(reader: reader)
    let scenario = builder.build(root, sourceText: text)
    guard !reader.hasErrors, let scenario else {
      if !reader.hasErrors {
        reader.error(at: TextPosition(line: 1, column: 1), "internal error: the scenario could not be assembled")
      }
      throw ScenarioErrors(reader.sortedDiagnostics)
    }
    return scenario
  }
}
