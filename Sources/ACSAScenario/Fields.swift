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
