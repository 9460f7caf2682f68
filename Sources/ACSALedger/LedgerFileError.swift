import ACSAFiles
import Foundation
import GRDB

/// Why a ledger could not be read or written, in words, and whose problem it is: a file
/// that is not a ledger, a damaged ledger or one of an unknown format is bad input; a
/// ledger that cannot be written where asked is the environment's (`FileError`).
public enum LedgerFileError: Error, CustomStringConvertible, Sendable {
  /// The file could not be read or written (missing, a folder, no permission, a full
  /// disk, a lock held, a file that is not acsa's to replace).
  case file(FileError)
  /// The file is something else: `what` it is, and which command reads it if acsa knows.
  case notALedger(path: String, what: String)
  /// The file is a ledger, or was one, but is damaged: `detail` says how.
  case damaged(path: String, detail: String)
  /// Written by a newer acsa, or with a version this one does not know.
  case unsupportedFormat(path: String, detail: String)
  /// Something else went wrong while building a ledger (a bug, not the user's doing).
  case internalError(path: String, detail: String)

  public var description: String {
    switch self {
    case .file(let error): error.description
    case .notALedger(let path, let what): "\(path) is \(what), not an acsa ledger"
    case .damaged(let path, let detail): "\(path) is a damaged acsa ledger: \(detail)"
    case .unsupportedFormat(let path, let detail): "cannot read ledger \(path): \(detail)"
    case .internalError(let path, let detail): "internal error while writing ledger \(path): \(detail)"
    }
  }

  /// An error met while building the ledger at `path`, said in words: SQLite's full
  /// disk and I/O errors are the environment's.
  static func writing(_ path: String, _ error: Error) -> Error {
    switch error {
    case let e as LedgerFileError: return e
    case let e as FileError: return LedgerFileError.file(e)
    case let e as DatabaseError:
      if let code = systemCode(e) {
        return LedgerFileError.file(FileError(path: path, cause: .system(code), writing: true, operation: operation(e)))
      }
      return LedgerFileError.internalError(path: path, detail: e.description)
    default:
      return error
    }
  }

  /// What SQLite was doing when the file system failed it, from its extended code.
  static func operation(_ e: DatabaseError) -> String? {
    switch e.extendedResultCode {
    case .SQLITE_IOERR_FSYNC, .SQLITE_IOERR_DIR_FSYNC: "fsync"
    case .SQLITE_IOERR_WRITE: "write"
    case .SQLITE_IOERR_READ, .SQLITE_IOERR_SHORT_READ: "read"
    case .SQLITE_IOERR_TRUNCATE: "truncate"
    default: nil
    }
  }

  /// The errno an SQLite error stands for, when it is the file system's doing.
  static func systemCode(_ e: DatabaseError) -> Int32? {
    switch e.resultCode {
    case .SQLITE_FULL: return ENOSPC
    case .SQLITE_IOERR: return EIO
    case .SQLITE_READONLY, .SQLITE_PERM: return EACCES
    case .SQLITE_CANTOPEN: return EACCES
    default: return nil
    }
  }
}

extension LedgerFileError {
  /// What SQLite said, when `error` is SQLite's (a query that failed on a ledger that
  /// opened: the file is damaged); nil for any other error.
  public static func sqliteMessage(_ error: Error) -> String? {
    guard let e = error as? DatabaseError else { return nil }
    return e.message ?? e.description
  }
}
