/// One row of an export table as a JSON object: the table's column names as keys.
public struct ExportJSONRow: Encodable {
  public let columns: [String]
  public let cells: [ExportCell]

  public init(columns: [String], cells: [ExportCell]) {
    self.columns = columns
    self.cells = cells
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: ExportCell.Key.self)
    for (name, cell) in zip(columns, cells) { try c.encode(cell, forKey: ExportCell.Key(name)) }
  }
}
