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

  /// The value of the column named `name`, as `at(_:)` reads it.
  public func at<T: DatabaseValueConvertible>(_ name: String) throws(StoredValueError) -> T {
    guard let index = Array(columnNames).firstIndex(where: { $0.lowercased() == name.lowercased() }) else {
      throw StoredValueError(detail: "no column \(name)")
    }
    return try at(index)
  }
}
