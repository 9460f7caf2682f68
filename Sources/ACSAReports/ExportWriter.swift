/// Where export rows go, table by table: `begin`, rows, `end`, for each table in
/// `ExportTable.allCases` order (alphabetical, as JSON's sorted keys need), then `finish`.
public protocol ExportWriter: AnyObject {
  func begin(_ table: ExportTable) throws
  func write(_ cells: [ExportCell]) throws
  func end(_ table: ExportTable) throws
  /// Puts the output in place (files are renamed only now).
  func finish() throws
  /// Rows written per table.
  var rowCounts: [ExportTable: Int] { get }
}
