import CSV
import Foundation

/// CSV as spreadsheets read it: UTF-8 with a byte-order mark (so that Excel does not
/// take it for a legacy code page), CRLF after every row, fields quoted by CSV.swift
/// where they hold a comma, a quote or a line end.
public enum CSVText {
  public static let byteOrderMark = Data([0xEF, 0xBB, 0xBF])

  /// The rows, each ended by CRLF (no byte-order mark).
  public static func encode(_ rows: [[String]]) throws -> Data {
    guard !rows.isEmpty else { return Data() }
    let writer = try CSVWriter(stream: .toMemory(), newline: .crlf)
    for row in rows { try writer.write(row: row) }
    writer.stream.close()
    var data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    data.append(contentsOf: [0x0D, 0x0A])
    return data
  }
}
