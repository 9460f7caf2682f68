/// A place in the scenario text: 1-based line and column, columns counted in Unicode
/// scalars as libyaml counts them.
struct Mark: Hashable, Sendable {
  private let storedLine: Int32
  private let storedColumn: Int32
  var line: Int { Int(storedLine) }
  var column: Int { Int(storedColumn) }

  init(line: Int, column: Int) {
    storedLine = Int32(clamping: line)
    storedColumn = Int32(clamping: column)
  }
}

/// A YAML value as `YAMLComposer` builds it from libyaml's events and the scenario
/// reader reads it: text with its style and place, a mapping (its pairs in file order)
/// or a list. Aliases are resolved into the values they repeat; tags are not kept (every
/// value is read from its text).
enum Node: Sendable {
  case scalar(Scalar)
  case mapping(Mapping)
  case sequence(List)

  struct Scalar: Sendable {
    enum Style: UInt8, Sendable {
      case any = 0, plain, singleQuoted, doubleQuoted, literal, folded
    }
    let string: String
    let style: Style
    let mark: Mark?
  }

  /// Keys are text: `YAMLComposer` refuses any other key.
  struct Mapping: Sendable, Swift.Sequence {
    let pairs: [(key: Scalar, value: Node)]
    let mark: Mark?
    func makeIterator() -> IndexingIterator<[(key: Scalar, value: Node)]> { pairs.makeIterator() }
  }

  struct List: Sendable, Swift.Sequence {
    let items: [Node]
    let mark: Mark?
    func makeIterator() -> IndexingIterator<[Node]> { items.makeIterator() }
  }

  var mark: Mark? {
    switch self {
    case .scalar(let s): s.mark
    case .mapping(let m): m.mark
    case .sequence(let l): l.mark
    }
  }

  var scalar: Scalar? {
    if case .scalar(let s) = self { return s }
    return nil
  }

  var isMapping: Bool {
    if case .mapping = self { return true }
    return false
  }
}
