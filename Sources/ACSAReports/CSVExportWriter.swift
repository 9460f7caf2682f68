import Foundation

/// One CSV file per table in a directory (`orders.csv`...), each with a byte-order mark
/// and a header row. Every file is written beside its destination first; `finish`
/// renames them into place only once all four are complete, so a failure leaves the
/// directory's previous files (or none), never half a file.
public final class CSVExportWriter: ExportWriter {
  public let directory: String
  var outputs: [ExportTable: AtomicOutput] = [:]
  var current: ExportTable?
  var pending: [[String]] = []
  public private(set) var rowCounts: [ExportTable: Int] = [:]

  /// Creates `directory` when it does not exist.
  public init(directory: String) throws {
    self.directory = directory
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw FileOutputError(path: directory, reason: "cannot create the directory (\(error.localizedDescription))")
    }
  }

  public func path(of table: ExportTable) -> String {
    URL(fileURLWithPath: directory).appendingPathComponent(table.fileName).path
  }

  public func begin(_ table: ExportTable) throws {
    let output = try AtomicOutput(path: path(of: table))
    outputs[table] = output
    current = table
    rowCounts[table] = 0
    try output.write(CSVText.byteOrderMark)
    try output.write(try CSVText.encode([table.columnNames]))
  }

  public func write(_ cells: [ExportCell]) throws {
    pending.append(cells.map(\.csvText))
    if let current { rowCounts[current, default: 0] += 1 }
    if pending.count >= 512 { try flush() }
  }

  func flush() throws {
    guard let current, let output = outputs[current], !pending.isEmpty else { return }
    try output.write(try CSVText.encode(pending))
    pending.removeAll(keepingCapacity: true)
  }

  public func end(_ table: ExportTable) throws {
    try flush()
    current = nil
  }

  public func finish() throws {
    for table in ExportTable.allCases {
      try outputs[table]?.commit()
    }
  }

  /// Removes the temporary files; the directory's previous files stay as they were.
  public func abandon() {
    for output in outputs.values { output.abandon() }
  }
}
