/// Left-aligned columns separated by two spaces; a column whose header or cells look
/// numeric is right-aligned when `rightAligned` says so.
public struct TextTable {
  public var rows: [[String]] = []
  public var rightAligned: Set<Int> = []
  public var indent = "  "

  public init(rightAligned: Set<Int> = []) { self.rightAligned = rightAligned }

  public mutating func add(_ row: [String]) { rows.append(row) }

  public func render() -> String {
    guard let columns = rows.map(\.count).max() else { return "" }
    var widths = Array(repeating: 0, count: columns)
    for row in rows {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    return rows.map { row in
      var line = indent
      for (i, cell) in row.enumerated() {
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        let isLast = i == row.count - 1
        if rightAligned.contains(i) { line += pad + cell } else { line += cell + (isLast ? "" : pad) }
        if !isLast { line += "  " }
      }
      while line.hasSuffix(" ") { line.removeLast() }
      return line
    }.joined(separator: "\n")
  }
}
