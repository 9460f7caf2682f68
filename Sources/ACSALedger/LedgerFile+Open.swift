import ACSAFiles
import Foundation
import GRDB

extension LedgerFile {
  /// Opens an existing ledger read-only, after checking that it is one this acsa can
  /// read: an SQLite file not cut short, of a format version it knows (not newer), with
  /// an intact `meta` table. Anything else is refused with what the file is, or what is
  /// wrong with it.
  public static func open(_ path: String) throws -> DatabaseQueue {
    guard let probe = FileProbe(path: path) else {
      throw LedgerFileError.file(FileError(path: path, cause: .system(ENOENT), writing: false))
    }
    switch probe.shape {
    case .folder: throw LedgerFileError.file(FileError(path: path, cause: .isFolder, writing: false))
    case .special: throw LedgerFileError.file(FileError(path: path, cause: .special, writing: false))
    case .link, .regular: break
    }
    guard access(path, R_OK) == 0 else { throw LedgerFileError.file(FileError(path: path, cause: .system(errno), writing: false)) }
    recoverAppend(path)
    let header = try SQLiteHeader(path: path)
    guard header.isSQLite else { throw LedgerFileError.notALedger(path: path, what: Self.describeOther(probe)) }
    if let problem = header.truncation { throw LedgerFileError.damaged(path: path, detail: problem) }
    var config = Configuration()
    config.readonly = true
    let queue: DatabaseQueue
    do {
      queue = try DatabaseQueue(path: path, configuration: config)
      try queue.read { db in try LedgerSchema.checkFormat(db, path: path) }
    } catch let e as LedgerFileError {
      throw e
    } catch let e as DatabaseError {
      throw Self.readingError(path, e)
    }
    return queue
  }

  /// A ledger whose appender (`acsa record`, `acsa serve`) was killed keeps its last
  /// transactions in a write-ahead log beside it (or a rollback journal): SQLite folds
  /// committed ones into the file and drops the one that was not, the next time a
  /// writer opens it. Readers open ledgers read-only, so the reader that finds such a
  /// log does that first, when no acsa holds the ledger (an appender at work keeps its
  /// log, and readers read through it). Nothing is changed that was committed.
  /// `holdingLock`: the caller holds the path's write lock (an appender opening it).
  public static func recoverAppend(_ path: String, holdingLock: Bool = false) {
    let fm = FileManager.default
    guard fm.fileExists(atPath: path + "-wal") || fm.fileExists(atPath: path + "-journal"), access(path, W_OK) == 0 else { return }
    let lock = holdingLock ? nil : try? WriteLock(path: path)
    guard holdingLock || lock != nil else { return }
    defer { lock?.release() }
    guard let queue = try? DatabaseQueue(path: path) else { return }
    try? queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
    try? queue.close()
  }

  /// A database error met while reading a ledger, in words.
  public static func readingError(_ path: String, _ e: DatabaseError) -> LedgerFileError {
    switch e.resultCode {
    case .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_FORMAT:
      return .damaged(path: path, detail: "SQLite cannot read it (\(e.message ?? "\(e.resultCode)"))")
    case .SQLITE_IOERR: return .file(FileError(path: path, cause: .system(EIO), writing: false))
    case .SQLITE_CANTOPEN, .SQLITE_PERM: return .file(FileError(path: path, cause: .system(EACCES), writing: false))
    default: return .damaged(path: path, detail: e.message ?? "\(e)")
    }
  }

  /// What an SQLite file is, when it is not an acsa ledger this acsa reads.
  static func describeDatabase(_ path: String) -> String {
    do {
      _ = try open(path)
      return "an acsa ledger"
    } catch LedgerFileError.notALedger(_, let what) {
      return what
    } catch LedgerFileError.unsupportedFormat(_, let detail) {
      return "an acsa ledger this acsa cannot read (\(detail))"
    } catch LedgerFileError.damaged(_, let detail) {
      return "a damaged acsa ledger (\(detail))"
    } catch {
      return "an SQLite database"
    }
  }

  /// What a file that is not SQLite is, and which command reads it.
  static func describeOther(_ probe: FileProbe) -> String {
    let what = probe.kindDescription
    switch what {
    case "a YAML scenario": return what + " (`acsa validate`, `run` and `explain` read scenarios)"
    case "an HTML page": return what + " (`acsa report` writes pages like this)"
    default: return what
    }
  }
}

/// The first 100 bytes of an SQLite file: what it says of itself.
struct SQLiteHeader {
  let bytes: [UInt8]
  let fileSize: Int

  init(path: String) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw LedgerFileError.file(FileError(path: path, cause: .system(errno == 0 ? EACCES : errno), writing: false))
    }
    defer { try? handle.close() }
    bytes = Array((try? handle.read(upToCount: 100)) ?? Data())
    fileSize = Int((try? handle.seekToEnd()) ?? 0)
  }

  var isSQLite: Bool { bytes.count == 100 && bytes.starts(with: Array("SQLite format 3\u{0}".utf8)) }

  func uint32(_ offset: Int) -> UInt32 { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) } }

  var pageSize: Int {
    let raw = Int(bytes[16]) << 8 | Int(bytes[17])
    return raw == 1 ? 65536 : raw
  }

  /// Why the file is shorter than its header says, if it is. The header's page count is
  /// valid only when its change counter matches the "version valid for" number.
  var truncation: String? {
    let pages = Int(uint32(28))
    guard pages > 0, uint32(24) == uint32(92), pageSize >= 512 else { return nil }
    let expected = pages * pageSize
    guard fileSize < expected else { return nil }
    return
      "the file is \(fileSize) bytes long, but its header says \(pages) pages of \(pageSize) bytes (\(expected) bytes): it was cut short"
  }
}
