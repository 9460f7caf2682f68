import ACSADomain
import Foundation
import GRDB
import GRDBSQLite

/// A statement stepped through SQLite's C interface. The audit reads every posting and
/// every obligation of a ledger; a `Row` and a `String` per value would cost several
/// times what SQLite itself spends on them.
final class RawStatement {
  let handle: OpaquePointer
  let sql: String

  init(_ db: Database, sql: String) throws {
    var handle: OpaquePointer?
    let code = sqlite3_prepare_v2(db.sqliteConnection, sql, -1, &handle, nil)
    guard code == SQLITE_OK, let handle else {
      sqlite3_finalize(handle)
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
    }
    self.handle = handle
    self.sql = sql
  }

  deinit { sqlite3_finalize(handle) }

  /// The next row: true, or false when there is none left.
  func step() throws -> Bool {
    switch sqlite3_step(handle) {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    case let code:
      throw DatabaseError(
        resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: sql)
    }
  }

  // Values are read through `sqlite3_column_value`: one call into the statement per
  // column, then the value's own accessors.
  func isInteger(_ column: Int32) -> Bool { sqlite3_value_type(sqlite3_column_value(handle, column)) == SQLITE_INTEGER }
  func isNull(_ column: Int32) -> Bool { sqlite3_value_type(sqlite3_column_value(handle, column)) == SQLITE_NULL }

  /// An integer value, nil when the value is not an integer.
  func integer(_ column: Int32) -> Int64? {
    let value = sqlite3_column_value(handle, column)
    return sqlite3_value_type(value) == SQLITE_INTEGER ? sqlite3_value_int64(value) : nil
  }

  func int64(_ column: Int32) -> Int64 { sqlite3_value_int64(sqlite3_column_value(handle, column)) }

  /// A text value's bytes, valid until the next step.
  func text(_ column: Int32) -> UnsafeRawBufferPointer {
    let value = sqlite3_column_value(handle, column)
    guard let start = sqlite3_value_text(value) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    return UnsafeRawBufferPointer(start: start, count: Int(sqlite3_value_bytes(value)))
  }
}

extension RawStatement {
  func type(_ column: Int32) -> Int32 { sqlite3_column_type(handle, column) }

  /// A column's value as GRDB holds it (for messages).
  func value(_ column: Int32) -> DatabaseValue {
    switch type(column) {
    case SQLITE_INTEGER: return sqlite3_column_int64(handle, column).databaseValue
    case SQLITE_FLOAT: return sqlite3_column_double(handle, column).databaseValue
    case SQLITE_TEXT: return String(decoding: bytes(column), as: UTF8.self).databaseValue
    case SQLITE_BLOB: return Data(bytes(column)).databaseValue
    default: return .null
    }
  }

  /// A text's or a blob's bytes, valid until the next step.
  func bytes(_ column: Int32) -> UnsafeRawBufferPointer {
    let isText = type(column) == SQLITE_TEXT
    let start = isText ? UnsafeRawPointer(sqlite3_column_text(handle, column)) : sqlite3_column_blob(handle, column)
    return UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, column)))
  }

  /// Whether two rows hold the same value, of the same type, in `column`.
  static func same(_ a: RawStatement, _ b: RawStatement, _ column: Int32) -> Bool {
    let t = a.type(column)
    guard t == b.type(column) else { return false }
    switch t {
    case SQLITE_INTEGER: return sqlite3_column_int64(a.handle, column) == sqlite3_column_int64(b.handle, column)
    case SQLITE_FLOAT: return sqlite3_column_double(a.handle, column) == sqlite3_column_double(b.handle, column)
    case SQLITE_NULL: return true
    default:
      let (x, y) = (a.bytes(column), b.bytes(column))
      return x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
    }
  }

  /// The order of two rows' values in `column`, as SQLite's ORDER BY sorts them: NULL,
  /// numbers, text (by its bytes), blobs.
  static func order(_ a: RawStatement, _ b: RawStatement, _ column: Int32) -> Int {
    func rank(_ t: Int32) -> Int {
      switch t {
      case SQLITE_NULL: 0
      case SQLITE_INTEGER, SQLITE_FLOAT: 1
      case SQLITE_TEXT: 2
      default: 3
      }
    }
    let (ta, tb) = (a.type(column), b.type(column))
    if rank(ta) != rank(tb) { return rank(ta) < rank(tb) ? -1 : 1 }
    switch ta {
    case SQLITE_NULL: return 0
    case SQLITE_INTEGER where tb == SQLITE_INTEGER:
      let (x, y) = (sqlite3_column_int64(a.handle, column), sqlite3_column_int64(b.handle, column))
      return x == y ? 0 : (x < y ? -1 : 1)
    case SQLITE_INTEGER, SQLITE_FLOAT:
      let (x, y) = (sqlite3_column_double(a.handle, column), sqlite3_column_double(b.handle, column))
      return x == y ? 0 : (x < y ? -1 : 1)
    default:
      let (x, y) = (a.bytes(column), b.bytes(column))
      let n = min(x.count, y.count)
      let c = n == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, n)
      if c != 0 { return c < 0 ? -1 : 1 }
      return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
    }
  }
}

/// The distinct byte strings of a column (books, kinds, commodities, dates), each
/// numbered once: rows are then compared by their bytes, without a `String` each.
struct ByteTable {
  private(set) var strings: [String] = []
  private var bytes: [[UInt8]] = []
  private var numbers: [[UInt8]: Int] = [:]
  private var last = 0

  init(_ known: [String] = []) {
    for s in known { _ = add(Array(s.utf8)) }
  }

  var count: Int { bytes.count }

  /// The number of these bytes, adding them when new.
  mutating func number(_ b: UnsafeRawBufferPointer) -> Int {
    if last < bytes.count, Self.equal(bytes[last], b) { return last }
    if bytes.count <= 8 {
      for i in bytes.indices where Self.equal(bytes[i], b) {
        last = i
        return i
      }
    } else if let i = numbers[Array(b)] {
      last = i
      return i
    }
    last = add(Array(b))
    return last
  }

  /// The number of these bytes when known, without adding them.
  func known(_ b: UnsafeRawBufferPointer) -> Int? {
    bytes.indices.first { Self.equal(bytes[$0], b) }
  }

  private mutating func add(_ b: [UInt8]) -> Int {
    bytes.append(b)
    strings.append(String(decoding: b, as: UTF8.self))
    numbers[b] = bytes.count - 1
    return bytes.count - 1
  }

  static func equal(_ a: [UInt8], _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    guard let base = b.baseAddress, !a.isEmpty else { return true }
    // Short values that differ mostly differ in their first or last byte.
    guard a[0] == b[0] && a[a.count - 1] == b[b.count - 1] else { return false }
    return a.count <= 2 || a.withUnsafeBytes { memcmp($0.baseAddress!, base, b.count) == 0 }
  }
}

/// Dates as stored (ISO text), read as `LedgerReader.day` reads them: `Day(iso:)`, or
/// day 0 for a malformed one. One per column: consecutive rows often share a date.
struct DayColumn {
  private var last: (UInt64, UInt16) = (0, 0)
  private var lastDay: Day?

  mutating func day(_ b: UnsafeRawBufferPointer) -> Day {
    // A deadline past 9999-12-31 (`+10000-05-31`).
    guard b.count == 10 else { return Day(text: String(decoding: b, as: UTF8.self)) ?? Day(ordinal: 0) }
    let key = (b.loadUnaligned(as: UInt64.self), b.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
    if let lastDay, key == last { return lastDay }
    let day = Self.parse(b)
    last = key
    lastDay = day
    return day
  }

  /// `Day(iso:)` on ten bytes.
  static func parse(_ b: UnsafeRawBufferPointer) -> Day {
    guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return Day(ordinal: 0) }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for i in range {
        let c = b[i]
        guard c >= 48 && c <= 57 else { return nil }
        value = value * 10 + Int(c - 48)
      }
      return value
    }
    guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), let day = Day(year: y, month: m, day: d) else {
      return Day(ordinal: 0)
    }
    return day
  }
}

/// `a <= b` as SQLite compares two texts (byte by byte, a prefix first).
func textLessOrEqual(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Bool {
  var i = 0
  while i < a.count && i < b.count {
    if a[i] != b[i] { return a[i] < b[i] }
    i += 1
  }
  return a.count <= b.count
}

/// Whether `text` starts with `prefix` (lowercase ASCII), as `text LIKE 'prefix%'` decides.
func hasPrefixIgnoringCase(_ text: UnsafeRawBufferPointer, _ prefix: [UInt8]) -> Bool {
  guard text.count >= prefix.count else { return false }
  for i in prefix.indices {
    var c = text[i]
    if c >= 65 && c <= 90 { c += 32 }
    if c != prefix[i] { return false }
  }
  return true
}
