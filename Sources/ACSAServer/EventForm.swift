import ACSADomain
import Foundation

/// An event from a form: its fields are named by their place in a scenario's event
/// (`pay.order`, `deliver.lines[0].qty`, `sign.signed_by.JP`, and `books` for control's
/// lapses), so that the scenario reader's messages name the form's own fields. The form
/// becomes the event as JSON (which the scenario reader reads as YAML), dated on the
/// clock; empty fields are left out (their defaults apply), and the last of two fields
/// of one name wins (a checkbox follows a hidden `false`).
enum EventForm {
  static let maxFields = 200
  static let maxLength = 4096

  /// The fields of a URL-encoded body, in order.
  static func fields(_ body: String) throws -> [(String, String)] {
    var fields: [(String, String)] = []
    for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
      guard fields.count < maxFields else {
        throw SubmissionError.badInput([FieldProblem(field: "", message: "more than \(maxFields) fields")])
      }
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
        throw SubmissionError.badInput([FieldProblem(field: "", message: "a field is not URL-encoded UTF-8 text")])
      }
      fields.append((name, value))
    }
    return fields
  }

  static func decode(_ s: Substring) -> String? {
    String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
  }

  /// A piece of the event being built.
  indirect enum Value: Encodable {
    case text(String)
    case flag(Bool)
    case object([(String, Value)])
    case list([Int: Value])

    func encode(to encoder: Encoder) throws {
      switch self {
      case .text(let s):
        var c = encoder.singleValueContainer()
        try c.encode(s)
      case .flag(let b):
        var c = encoder.singleValueContainer()
        try c.encode(b)
      case .object(let pairs):
        var c = encoder.container(keyedBy: Key.self)
        for (k, v) in pairs { try c.encode(v, forKey: Key(k)) }
      case .list(let items):
        var c = encoder.unkeyedContainer()
        for k in items.keys.sorted() { try c.encode(items[k]) }
      }
    }

    struct Key: CodingKey {
      let stringValue: String
      init(_ s: String) { stringValue = s }
      init?(stringValue: String) { self.stringValue = stringValue }
      var intValue: Int? { nil }
      init?(intValue: Int) { nil }
    }

    /// Sets the value at a path of components (a name, or a list index).
    mutating func set(_ path: ArraySlice<Component>, to value: Value) {
      guard let first = path.first else {
        self = value
        return
      }
      switch first {
      case .name(let name):
        var pairs: [(String, Value)] = []
        if case .object(let p) = self { pairs = p }
        if let i = pairs.firstIndex(where: { $0.0 == name }) {
          pairs[i].1.set(path.dropFirst(), to: value)
        } else {
          var child = Value.object([])
          child.set(path.dropFirst(), to: value)
          pairs.append((name, child))
        }
        self = .object(pairs)
      case .index(let index):
        var items: [Int: Value] = [:]
        if case .list(let l) = self { items = l }
        var child = items[index] ?? .object([])
        child.set(path.dropFirst(), to: value)
        items[index] = child
        self = .list(items)
      }
    }
  }

  enum Component {
    case name(String)
    case index(Int)
  }

  /// `deliver.lines[0].qty` as components; nil if it is not such a path.
  static func components(_ field: String) -> [Component]? {
    guard !field.isEmpty, field.count <= 100 else { return nil }
    var out: [Component] = []
    for part in field.split(separator: ".", omittingEmptySubsequences: false) {
      var name = Substring(part)
      var indexes: [Int] = []
      while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
        guard let n = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]), n >= 0, n < 50 else { return nil }
        indexes.insert(n, at: 0)
        name = name[..<open]
      }
      guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else { return nil }
      out.append(.name(String(name)))
      out += indexes.map(Component.index)
    }
    return out
  }

  /// The event the form describes, as JSON text, dated `date`.
  static func json(fields: [(String, String)], date: Day) throws -> String {
    var event = Value.object([("date", .text(date.description))])
    var problems: [FieldProblem] = []
    for (name, raw) in fields {
      guard raw.count <= maxLength else {
        problems.append(FieldProblem(field: name, message: "longer than \(maxLength) characters"))
        continue
      }
      let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
      guard let path = components(name) else {
        problems.append(FieldProblem(field: name, message: "not a field of an event"))
        continue
      }
      if name == "date" {
        problems.append(FieldProblem(field: "date", message: "events are dated by the exercise's clock"))
        continue
      }
      if name == "books" {
        if !value.isEmpty { event.set([.name("books")], to: .list([0: .text(value)])) }
        continue
      }
      guard !value.isEmpty else { continue }
      event.set(path[...], to: value == "true" ? .flag(true) : value == "false" ? .flag(false) : .text(value))
    }
    guard problems.isEmpty else { throw SubmissionError.badInput(problems) }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    return String(decoding: try encoder.encode(event), as: UTF8.self)
  }
}
