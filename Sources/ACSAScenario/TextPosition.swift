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
