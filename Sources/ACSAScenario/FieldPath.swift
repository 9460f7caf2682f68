/// Field paths as messages print them: `events[3].deliver.lines[0].qty`.
enum FieldPath {
  static func child(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }
  static func element(_ path: String, _ index: Int) -> String { "\(path)[\(index)]" }
  /// The path as the subject of a message.
  static func subject(_ path: String) -> String { path.isEmpty ? "top level" : path }
  /// The path after a preposition: `in events[3].deliver`, `at top level`.
  static func place(_ path: String) -> String { path.isEmpty ? "at top level" : "in " + path }
}
