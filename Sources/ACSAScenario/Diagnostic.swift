/// A static error in a scenario file, printed as `FILE:LINE:COLUMN: error: message`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  public enum Severity: String, Sendable { case error, warning }

  public let file: String
  /// 1-based; 0 when the problem has no position (an unreadable file).
  public let line: Int
  public let column: Int
  public let severity: Severity
  public let message: String

  public init(file: String, line: Int, column: Int, severity: Severity = .error, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.severity = severity
    self.message = message
  }

  public var description: String {
    line > 0
      ? "\(file):\(line):\(column): \(severity.rawValue): \(message)"
      : "\(file): \(severity.rawValue): \(message)"
  }
}

/// Thrown when a scenario has static errors: all of them, in file order.
public struct ScenarioErrors: Error, Sendable, CustomStringConvertible {
  public let diagnostics: [Diagnostic]
  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
