import Foundation

/// One JSON document: `{"books", "deliveries", "ledger", "ledger_digest", "obligations",
/// "orders", "scenario", "settlements"}`, keys sorted, one row per line, each row's keys
/// sorted too.
public final class JSONExportWriter: ExportWriter {
  let emit: (Data) throws -> Void
  /// The document's other keys, written among the tables in sorted order.
  var remaining: [(key: String, value: Data)]
  let encoder: JSONEncoder
  var firstKey = true
  var firstRow = true
  var current: ExportTable?
  var columns: [String] = []
  public private(set) var rowCounts: [ExportTable: Int] = [:]
  let finishOutput: () throws -> Void

  /// `emit` receives the document piece by piece; `finishOutput` runs once it is complete.
  public init(
    ledger: String, scenario: String, digest: String, books: [String], emit: @escaping (Data) throws -> Void,
    finish: @escaping () throws -> Void = {}
  ) throws {
    self.emit = emit
    finishOutput = finish
    encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    remaining = [
      ("books", try encoder.encode(books)), ("ledger", try encoder.encode(ledger)), ("ledger_digest", try encoder.encode(digest)),
      ("scenario", try encoder.encode(scenario)),
    ]
    try emit(Data("{".utf8))
  }

  func key(_ name: String) throws {
    try emit(Data(((firstKey ? "\n  " : ",\n  ") + "\"\(name)\": ").utf8))
    firstKey = false
  }

  /// Writes the plain keys that sort before `name` (all of them when nil).
  func writeRemaining(before name: String?) throws {
    while let next = remaining.first, name.map({ next.key < $0 }) ?? true {
      try key(next.key)
      try emit(next.value)
      remaining.removeFirst()
    }
  }

  public func begin(_ table: ExportTable) throws {
    try writeRemaining(before: table.rawValue)
    try key(table.rawValue)
    try emit(Data("[".utf8))
    current = table
    columns = table.columnNames
    rowCounts[table] = 0
    firstRow = true
  }

  public func write(_ cells: [ExportCell]) throws {
    guard let current else { return }
    let row = try encoder.encode(ExportJSONRow(columns: columns, cells: cells))
    try emit(Data((firstRow ? "\n    " : ",\n    ").utf8) + row)
    firstRow = false
    rowCounts[current, default: 0] += 1
  }

  public func end(_ table: ExportTable) throws {
    try emit(Data((firstRow ? "]" : "\n  ]").utf8))
    current = nil
  }

  public func finish() throws {
    try writeRemaining(before: nil)
    try emit(Data("\n}\n".utf8))
    try finishOutput()
  }
}
