import ACSAFiles
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

  /// The files the export reads (its ledger), which it never replaces.
  let inputs: [String]

  /// Creates `directory` when it does not exist (its parent must).
  public init(directory: String, inputs: [String] = []) throws {
    self.directory = directory
    self.inputs = inputs
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder) {
      guard isFolder.boolValue else {
        throw FileError(path: directory, cause: .occupied(what: "a file", expected: "a folder"), writing: true)
      }
      return
    }
    let parent = URL(fileURLWithPath: directory).deletingLastPathComponent().path
    guard FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder), isFolder.boolValue else {
      throw FileError(path: directory, cause: .noFolder(parent), writing: true)
    }
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
    } catch {
      let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code
      throw FileError(path: directory, cause: .system(Int32(code ?? Int(EACCES))), writing: true, operation: "creating the folder")
    }
  }

  /// What each file replaces: a CSV file of the same table that acsa wrote (its header
  /// row), or nothing.
  static func kind(_ table: ExportTable) -> OutputKind {
    let header = String(decoding: (try? CSVText.encode([table.columnNames])) ?? Data(), as: UTF8.self)
    return OutputKind.text("acsa's \(table.fileName)", firstLine: header)
  }

  public func path(of table: ExportTable) -> String {
    URL(fileURLWithPath: directory).appendingPathComponent(table.fileName).path
  }

  public func begin(_ table: ExportTable) throws {
    let output = try AtomicOutput(path: path(of: table), kind: Self.kind(table), inputs: inputs)
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
