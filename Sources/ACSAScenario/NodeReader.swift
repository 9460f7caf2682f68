import ACSADomain
import Yams

/// A position in the scenario text: 1-based line and column, columns counted in Unicode
/// scalars as libyaml counts them. (0, 0) when unknown.
struct TextPosition: Hashable, Comparable {
  let line: Int
  let column: Int

  init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  init(_ mark: Mark?) {
    line = mark?.line ?? 0
    column = mark?.column ?? 0
  }

  static func < (a: TextPosition, b: TextPosition) -> Bool {
    (a.line, a.column) < (b.line, b.column)
  }
}

/// Field paths as messages print them: `events[3].deliver.lines[0].qty`.
enum FieldPath {
  static func child(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }
  static func element(_ path: String, _ index: Int) -> String { "\(path)[\(index)]" }
  /// The path as the subject of a message.
  static func subject(_ path: String) -> String { path.isEmpty ? "top level" : path }
  /// The path after a preposition: `in events[3].deliver`, `at top level`.
  static func place(_ path: String) -> String { path.isEmpty ? "at top level" : "in " + path }
}

/// Walks a composed YAML tree with typed readers that record a diagnostic for every
/// problem and carry on, so that a file's static errors are all reported at once.
final class NodeReader {
  let file: String
  private(set) var diagnostics: [Diagnostic] = []
  /// Keys renamed in the text so that Yams would compose a mapping with a duplicate key:
  /// their position and original text (see `YAMLComposer`).
  private let renamedKeys: [TextPosition: String]

  init(file: String, renamedKeys: [TextPosition: String] = [:]) {
    self.file = file
    self.renamedKeys = renamedKeys
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
    case .alias: return "an alias"
    case .scalar(let s):
      if isNull(s) { return "nothing" }
      return quoted(s.string)
    }
  }

  /// `"text"`, shortened when long.
  static func quoted(_ text: String) -> String {
    let limit = 60
    let shown = text.count > limit ? String(text.prefix(limit)) + "..." : text
    return "\"" + shown + "\""
  }

  /// A mapping, checked against its allowed keys (nil: any key). Unknown and duplicate
  /// keys are reported at the key and left out.
  func mapping(_ node: Node, _ path: String, allowed: [String]?, expected: String = "a mapping")
    -> Fields?
  {
    guard case .mapping(let mapping) = node else {
      error(node, path, "expected \(expected), found \(Self.found(node))")
      return nil
    }
    var entries: [String: Fields.Entry] = [:]
    var keys: [String] = []
    for (keyNode, value) in mapping {
      guard case .scalar(let keyScalar) = keyNode else {
        error(keyNode.mark, "keys must be strings \(FieldPath.place(path)), found \(Self.found(keyNode))")
        continue
      }
      let key = renamedKeys[TextPosition(keyScalar.mark)] ?? keyScalar.string
      if entries[key] != nil {
        error(keyScalar.mark, "duplicate key '\(key)' \(FieldPath.place(path))")
        continue
      }
      if let allowed, !allowed.contains(key) {
        error(
          keyScalar.mark,
          "unknown key '\(key)' \(FieldPath.place(path)); expected one of: \(allowed.joined(separator: ", "))")
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

/// The keys of one mapping, read once the unknown and duplicate ones are left out.
struct Fields {
  struct Entry {
    let keyMark: Mark?
    let value: Node
  }

  let reader: NodeReader
  let path: String
  let mark: Mark?
  let entries: [String: Entry]
  /// The keys in file order.
  let keys: [String]

  func contains(_ key: String) -> Bool { entries[key] != nil }
  func path(_ key: String) -> String { FieldPath.child(path, key) }
  func keyMark(_ key: String) -> Mark? { entries[key]?.keyMark }

  /// The value, unless absent or null.
  func node(_ key: String) -> Node? {
    guard let entry = entries[key], !NodeReader.isNull(entry.value) else { return nil }
    return entry.value
  }

  /// The value; a missing key is reported at the mapping.
  func required(_ key: String) -> Node? {
    guard let entry = entries[key] else {
      reader.error(mark, "\(FieldPath.subject(path)): missing required key '\(key)'")
      return nil
    }
    return entry.value
  }

  /// A required value read by `read`, or nil (reported).
  func req<T>(_ key: String, _ read: (Node, String) -> T?) -> T? {
    guard let node = required(key) else { return nil }
    return read(node, path(key))
  }

  /// An optional value read by `read`: nil when absent, null or invalid (reported).
  func opt<T>(_ key: String, _ read: (Node, String) -> T?) -> T? {
    guard let node = node(key) else { return nil }
    return read(node, path(key))
  }
}
