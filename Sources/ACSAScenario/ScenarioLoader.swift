import ACSADomain
import ACSAFiles
import Foundation

/// Reads a scenario file (see `scenario-format.md`) and checks it statically: every
/// static error of the file is reported, sorted by line and column.
public enum ScenarioLoader {
  /// Reads and parses a file. A file that cannot be read, is larger than the limit or
  /// is not UTF-8 is one diagnostic (at the first byte that is not UTF-8, if that is
  /// the problem).
  public static func load(path: String, limits: ScenarioLimits = .standard) throws(ScenarioErrors) -> Scenario {
    let bytes: [UInt8]
    do {
      bytes = try InputFile.read(path, limit: limits.maximumFileSize)
    } catch {
      var message = error.reason
      if case .tooLarge = error.cause { message += "; write long programmes with generators" }
      throw ScenarioErrors([Diagnostic(file: path, line: 0, column: 0, message: message)])
    }
    return try parse(bytes: bytes, file: path, limits: limits)
  }

  /// Parses a file's bytes: they must be UTF-8 text (not a ledger, not UTF-16), within
  /// the size limit.
  public static func parse(bytes: [UInt8], file: String, limits: ScenarioLimits = .standard) throws(ScenarioErrors) -> Scenario {
    if bytes.count > limits.maximumFileSize {
      let error = FileError(path: file, cause: .tooLarge(size: bytes.count, limit: limits.maximumFileSize), writing: false)
      throw ScenarioErrors([Diagnostic(file: file, line: 0, column: 0, message: error.reason)])
    }
    if bytes.starts(with: Array("SQLite format 3\u{0}".utf8)) {
      throw ScenarioErrors([
        Diagnostic(
          file: file, line: 0, column: 0,
          message: "this is an SQLite database (a ledger?), not a scenario: `acsa balance`, `audit`, `verify` and `report` read ledgers")
      ])
    }
    if let problem = encodingProblem(bytes, file: file) { throw ScenarioErrors([problem]) }
    return try parse(text: String(decoding: bytes, as: UTF8.self), file: file, limits: limits)
  }

  /// The first place the bytes are not UTF-8 text, as a diagnostic.
  static func encodingProblem(_ bytes: [UInt8], file: String) -> Diagnostic? {
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      return Diagnostic(file: file, line: 1, column: 1, message: "the file is UTF-16 text; save it as UTF-8")
    }
    var offset = 0
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    loop: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): offset += UTF8.width(scalar)
      case .emptyInput: return nil
      case .error: break loop
      }
    }
    let position = bytes.withUnsafeBufferPointer { TextPosition(byteOffset: offset, in: $0) }
    let byte = String(bytes[min(offset, bytes.count - 1)], radix: 16, uppercase: true)
    return Diagnostic(
      file: file, line: position.line, column: position.column,
      message: "invalid UTF-8 (byte 0x\(byte)): a scenario is UTF-8 text; save the file as UTF-8")
  }

  /// Parses text; `file` is the name used in every diagnostic.
  public static func parse(text: String, file: String, limits: ScenarioLimits = .standard) throws(ScenarioErrors) -> Scenario {
    let composed = YAMLComposer.compose(text, file: file, limits: limits)
    if !composed.diagnostics.isEmpty { throw ScenarioErrors(composed.diagnostics) }
    let reader = NodeReader(file: file)
    guard let root = composed.node else {
      reader.error(
        at: TextPosition(line: 1, column: 1),
        "the file is empty: expected a mapping with keys \(ScenarioBuilder.requiredTopLevelKeys.joined(separator: ", "))"
      )
      throw ScenarioErrors(reader.sortedDiagnostics)
    }
    let builder = ScenarioBuilder(reader: reader, limits: limits)
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
