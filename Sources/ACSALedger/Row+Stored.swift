import GRDB

/// A stored value that is not what acsa wrote there (a NULL, a number where text is
/// kept...): the ledger is damaged, and the command says so instead of crashing.
public struct StoredValueError: Error, CustomStringConvertible, Sendable {
  public let detail: String
  public var description: String {
    "the ledger holds a value acsa cannot read (\(detail)); `acsa verify` lists every damaged value"
  }
}

extension Row {
  /// The value at `index`, decoded, or a `StoredValueError`: reading a ledger never
  /// traps on a NULL or on a value of the wrong type (GRDB's subscripts would).
  public func at<T: DatabaseValueConvertible>(_ index: Int) throws(StoredValueError) -> T {
    do {
      return try decode(T.self, atIndex: index)
    } catch {
      throw badValue(index, T.self)
    }
  }

  /// The same for the types SQLite reads straight from a statement (text, integers and
  /// their optionals): GRDB's fast path, without a `DatabaseValue` per value.
  @inline(__always)
  public func at<T: DatabaseValueConvertible & StatementColumnConvertible>(_ index: Int) throws(StoredValueError) -> T {
    do {
      return try decode(T.self, atIndex: index)
    } catch {
      throw badValue(index, T.self)
    }
  }

  func badValue<T>(_ index: Int, _ type: T.Type) -> StoredValueError {
    let value = index < count ? ((try? decode(DatabaseValue.self, atIndex: index)) ?? .null) : .null
    let name = index < count ? Array(columnNames)[index] : "#\(index)"
    return StoredValueError(detail: "column \(name) holds \(LedgerSchema.shown(value)) where \(T.self) is expected")
  }

  /// The value of the column named `name` (as the query names it), as `at(_:)` reads it.
  public func at<T: DatabaseValueConvertible>(_ name: String) throws(StoredValueError) -> T {
    do {
      return try decode(T.self, forColumn: name)
    } catch {
      throw badValue(name, T.self)
    }
  }

  /// The same, through GRDB's fast path for text, integers and their optionals.
  @inline(__always)
  public func at<T: DatabaseValueConvertible & StatementColumnConvertible>(_ name: String) throws(StoredValueError) -> T {
    do {
      return try decode(T.self, forColumn: name)
    } catch {
      throw badValue(name, T.self)
    }
  }

  func badValue<T>(_ name: String, _ type: T.Type) -> StoredValueError {
    guard let index = Array(columnNames).firstIndex(where: { $0.lowercased() == name.lowercased() }) else {
      return StoredValueError(detail: "no column \(name)")
    }
    return badValue(index, type)
  }
}

/// The columns of a SELECT, written once: the SQL list comes from it and rows are read by
/// name, each name's position found once (a ledger's readers go through millions of rows).
public struct ColumnList: Sendable, CustomStringConvertible {
  /// The columns, each a column or `expression AS name`.
  public let names: [String]
  private let positions: [String: Int]

  /// The list as SQL: `seq, date, event_id`.
  public var sql: String { names.joined(separator: ", ") }

  public init(_ names: [String]) {
    self.names = names
    var positions: [String: Int] = [:]
    for (i, name) in names.enumerated() {
      let key = name.components(separatedBy: " AS ").last ?? name
      positions[String(key.split(separator: ".").last ?? Substring(key))] = i
    }
    self.positions = positions
  }

  /// The position of column `name`; a name the list does not have is a programming error.
  public subscript(name: String) -> Int {
    guard let i = positions[name] else { preconditionFailure("no column \(name) in \(sql)") }
    return i
  }

  /// The same position as SQLite's C interface numbers columns.
  func at(_ name: String) -> Int32 { Int32(self[name]) }

  public var description: String { sql }
}
