import ACSADomain
import ACSAFiles
import ACSALedger
import ACSAReports
import ArgumentParser
import Foundation

extension Export {
  /// `--format csv` and `--format json`: the ledger's orders, deliveries, settlements and
  /// obligations, read by `LedgerReader`, rendered by `ExportTable` and its writers.
  func exportTables(_ path: String) throws {
    let reader = try LedgerReader(path: path)
    let info = try reader.info()
    let books = try reader.books()
    if let book, !info.parties.map(\.id).contains(book) {
      throw ValidationError("--book: '\(book)' is not a party of this ledger; use one of \(info.parties.map(\.id).joined(separator: ", "))")
    }
    let writer: any ExportWriter
    var atomic: AtomicOutput?
    switch format {
    case .csv:
      writer = try CSVExportWriter(directory: output ?? ".", inputs: [path])
    default:
      if let output { atomic = try AtomicOutput(path: output, kind: Self.jsonKind, inputs: [path]) }
      let file = atomic
      writer = try JSONExportWriter(
        ledger: ledger, scenario: info.scenarioName, digest: info.digest, books: book.map { [$0] } ?? books,
        emit: { data in if let file { try file.write(data) } else { FileHandle.standardOutput.write(data) } },
        finish: { try file?.commit() })
    }
    do {
      try write(reader, to: writer)
    } catch {
      (writer as? CSVExportWriter)?.abandon()
      atomic?.abandon()
      throw error
    }
    if let csv = writer as? CSVExportWriter {
      let counts = ExportTable.described.map { "\($0.fileName) \(csv.rowCounts[$0] ?? 0) rows" }
      print("Wrote \(book.map { "\($0)'s book" } ?? "both books") from \(ledger) to \(csv.directory)/: " + counts.joined(separator: ", "))
    } else if let output {
      let counts = ExportTable.described.map { "\(writer.rowCounts[$0] ?? 0) \($0.rawValue)" }
      print("Wrote \(output): " + counts.joined(separator: ", "))
    }
  }

  /// What `--format json -o FILE` replaces: a JSON export acsa wrote (its first key).
  static let jsonKind = OutputKind.text("a JSON export written by acsa", firstLine: "{\n  \"books\": [")

  /// Every table, in the order the writers expect.
  func write(_ reader: LedgerReader, to writer: any ExportWriter) throws {
    let units = try reader.itemUnits()
    for table in ExportTable.allCases {
      try writer.begin(table)
      switch table {
      case .orders: try reader.exportOrders(book: book) { try writer.write(ExportTable.cells($0, units: units)) }
      case .deliveries: try reader.exportDeliveries(book: book) { try writer.write(ExportTable.cells($0)) }
      case .settlements: try reader.exportSettlements(book: book) { try writer.write(ExportTable.cells($0)) }
      case .obligations: try reader.exportObligations(book: book) { try writer.write(ExportTable.cells($0)) }
      }
      try writer.end(table)
    }
    try writer.finish()
  }
}
