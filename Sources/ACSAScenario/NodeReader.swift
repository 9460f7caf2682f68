import ACSADomain
import Foundation

/// Walks a composed YAML tree with typed readers that record a diagnostic for every
/// problem and carry on, so that a file's static errors are all reported at once.
final class NodeReader {
  let file: String
  private(set) var diagnostics: [Diagnostic] = []

  init(file: String) {
    self.file = file
  }

  var hasErrors: Bool { !diagnostics.isEmpty }

  func error(_ mark: Mark?, _ message: String) {
    error(at: TextPosition(mark), message)
  }

  func error(at position: TextPosition, _ message: String) {
    diagnostics.append(
      Diagnostic(file: file, line: position.line, column: position.column, message: message))
  }

  /// `path: message`, at the node.
  func error(_ node: Node, _ path: String, _ message: String) {
    error(node.mark, FieldPath.subject(path) + ": " + message)
  }

  /// The diagnostics by (line, column), in the order found on one position.
  var sortedDiagnostics: [Diagnostic] {
    diagnostics.enumerated().sorted { a, b in
      let pa = TextPosition(line: a.element.line, column: a.element.column)
      let pb = TextPosition(line: b.element.line, column: b.element.column)
      return pa == pb ? a.offset < b.offset : pa < pb
    }.map(\.element)
  }

  // MARK: Node shapes

  /// An empty value, `~` or `null`, written plain.
  static func isNull(_ node: Node) -> Bool {
    guard case .scalar(let s) = node else { return false }
    return isNull(s)
  }

  static func isNull(_ scalar: Node.Scalar) -> Bool {
    guard scalar.style == .plain || scalar.style == .any else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  /// What a node is, for "expected X, found Y".
  static func found(_ node: Node) -> String {
    switch node {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .scalar(let s):
      if isNull(s) { return "nothing" }
      return quoted(s.string)
    }
  }

  /// `"text"`, shortened when long, control characters written as escapes (`\n`,
  /// `\u{1B}`) so that a message never carries them to the terminal.
  static func quoted(_ text: String) -> String {
    "\"" + shown(text) + "\""
  }

  /// Text as a message shows it: shortened when long, control characters escaped.
  static func shown(_ text: String) -> String {
    let limit = 60
    let cut = text.count > limit ? String(text.prefix(limit)) + "..." : text
    var out = ""
    for c in cut.unicodeScalars {
      switch c {
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if c.value < 0x20 || (c.value >= 0x7F && c.value < 0xA0) {
          out += "\\u{\(String(c.value, radix: 16, uppercase: true))}"
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out
  }

  /// A mapping, checked against its allowed keys (nil: any key). Unknown and duplicate
  /// keys are reported at the key and left out.
  func mapping(_ node: Node, _ path: String, allowed: [String]?) -> Fields? {
    guard case .mapping(let mapping) = node else {
      error(node, path, "expected a mapping, found \(Self.found(node))")
      return nil
    }
    var entries: [String: Fields.Entry] = [:]
    var keys: [String] = []
    for (keyScalar, value) in mapping {
      let key = keyScalar.string
      if entries[key] != nil {
        error(keyScalar.mark, "duplicate key '\(Self.shown(key))' \(FieldPath.place(path))")
        continue
      }
      if let allowed, !allowed.contains(key) {
        error(
          keyScalar.mark,
          "unknown key '\(Self.shown(key))' \(FieldPath.place(path))\(Suggestion.aside(key, among: allowed)); expected one of: \(allowed.joined(separator: ", "))"
        )
        continue
      }
      entries[key] = Fields.Entry(keyMark: keyScalar.mark, value: value)
      keys.append(key)
    }
    return Fields(reader: self, path: path, mark: mapping.mark, entries: entries, keys: keys)
  }

  /// A list; `nonEmpty` reports an empty one.
  func list(_ node: Node, _ path: String, nonEmpty: Bool = false) -> [Node]? {
    guard case .sequence(let sequence) = node else {
      error(node, path, "expected a list, found \(Self.found(node))")
      return nil
    }
    let nodes = Array(sequence)
    if nonEmpty && nodes.isEmpty {
      error(node, path, "expected a non-empty list")
      return nil
    }
    return nodes
  }
}
