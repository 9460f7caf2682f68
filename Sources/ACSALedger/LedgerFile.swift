import ACSADomain
import Foundation
import GRDB

#if canImport(Glibc)
  import Glibc
#endif

public enum LedgerFileError: Error, CustomStringConvertible {
  case cannotCreate(path: String, reason: String)
  case cannotOpen(path: String, reason: String)
  case notALedger(path: String)

  public var description: String {
    switch self {
    case .cannotCreate(let path, let reason): "cannot write ledger \(path): \(reason)"
    case .cannotOpen(let path, let reason): "cannot open ledger \(path): \(reason)"
    case .notALedger(let path): "\(path) is not an acsa ledger (no meta table or format version)"
    }
  }
}

/// Creates ledgers atomically: a ledger is built in a temporary file beside its
/// destination and renamed into place only when complete, so the destination always
/// holds either the previous complete ledger or the new one, never half of one.
public enum LedgerFile {
  /// Builds a ledger at `path` with `body`, which runs inside one transaction.
  /// `frameworkHash` (the SHA-256 of the scenario text) anchors the ledger's chains.
  ///
  /// `body` runs on a thread of its own (the engine's); the writer it is given builds
  /// rows and hands them over in batches to this thread, which owns the connection and
  /// inserts them. If either side fails, the other stops, the transaction is rolled back
  /// and the temporary file removed: `path` keeps what it held.
  public static func create<T>(at path: String, framework: Framework, frameworkHash: String, _ body: (LedgerWriter) throws -> T) throws -> T
  {
    try atomically(at: path) { temp in
      var config = Configuration()
      // The writer inserts every parent row before its children (events, then entries,
      // then postings), and `acsa verify` checks the whole; checking each reference on
      // insert would cost an index search per row.
      config.foreignKeysEnabled = false
      let queue = try DatabaseQueue(path: temp, configuration: config)
      try LedgerSchema.migrator.migrate(queue)
      let result = try queue.writeWithoutTransaction { db -> T in
        // The ledger is built in a temporary file that only `atomically` renames into
        // place, after the commit and an fsync; a failed or killed build leaves only the
        // temporary file, which is removed. So the build needs no journal to roll back
        // (pages are written once, straight into the file) and no sync of its own.
        try db.execute(sql: "PRAGMA journal_mode = OFF")
        try db.execute(sql: "PRAGMA synchronous = OFF")
        var value: T?
        try db.inTransaction {
          value = try produce(into: db, framework: framework, frameworkHash: frameworkHash, body)
          return .commit
        }
        return value!
      }
      try queue.close()
      return result
    }
  }

  /// Runs `body` on a producer thread while this thread executes its batches.
  static func produce<T>(into db: Database, framework: Framework, frameworkHash: String, _ body: (LedgerWriter) throws -> T) throws -> T {
    let channel = BatchChannel()
    let executor = try BatchExecutor(
      db: db, channel: channel, chains: ChainHeads(parties: framework.partyIDs, frameworkHash: frameworkHash))
    let writer = LedgerWriter(channel: channel, framework: framework, frameworkHash: frameworkHash)
    return try withoutActuallyEscaping(body) { body in
      let producer = Producer { () throws -> T in
        defer { channel.close() }
        let value = try body(writer)
        try writer.flush()
        return value
      }
      producer.start()
      var failure: Error?
      while var batch = channel.receive() {
        do {
          try executor.execute(batch)
          channel.recycle(&batch)
        } catch {
          failure = error
          channel.stop()
          break
        }
      }
      let outcome = producer.join()
      if let failure { throw failure }
      return try outcome.get()
    }
  }

  /// Runs `make` on a temporary path beside `path`, then moves the result into place:
  /// fsync, remove any stale -wal/-shm/-journal beside `path`, rename, fsync the folder.
  /// On any error the temporary file is removed and `path` is untouched.
  public static func atomically<T>(at path: String, _ make: (String) throws -> T) throws -> T {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    let prefix = "." + url.lastPathComponent + ".tmp-"
    removeAbandonedTemporaries(in: directory, prefix: prefix)
    let temp = directory + "/" + prefix + "\(getpid())"
    removeDatabaseFiles(temp)
    do {
      let result = try make(temp)
      try syncFile(temp)
      // A stale -wal or -shm beside the destination must never be applied to the new file.
      removeDatabaseFiles(path, keepMain: true)
      guard rename(temp, path) == 0 else {
        throw LedgerFileError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
      }
      try syncFile(directory.isEmpty ? "." : directory)
      return result
    } catch {
      removeDatabaseFiles(temp)
      if let e = error as? LedgerFileError { throw e }
      throw LedgerFileError.cannotCreate(path: path, reason: String(describing: error))
    }
  }

  /// Temporary files left by a run that was killed (its process is gone).
  static func removeAbandonedTemporaries(in directory: String, prefix: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory) else { return }
    for name in names where name.hasPrefix(prefix) {
      let rest = name.dropFirst(prefix.count)
      let digits = rest.prefix { $0.isNumber }
      guard let pid = Int32(digits), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
      unlink((directory.isEmpty ? "." : directory) + "/" + name)
    }
  }

  /// Opens an existing ledger read-only.
  public static func open(_ path: String) throws -> DatabaseQueue {
    guard FileManager.default.fileExists(atPath: path) else {
      throw LedgerFileError.cannotOpen(path: path, reason: "no such file")
    }
    var config = Configuration()
    config.readonly = true
    let queue: DatabaseQueue
    do {
      queue = try DatabaseQueue(path: path, configuration: config)
      let ok = try queue.read { db in
        try db.tableExists("meta") && (try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'format_version'")) != nil
      }
      if !ok { throw LedgerFileError.notALedger(path: path) }
    } catch let e as LedgerFileError {
      throw e
    } catch {
      throw LedgerFileError.notALedger(path: path)
    }
    return queue
  }

  static func removeDatabaseFiles(_ path: String, keepMain: Bool = false) {
    let suffixes = keepMain ? ["-wal", "-shm", "-journal"] : ["", "-wal", "-shm", "-journal"]
    for suffix in suffixes { unlink(path + suffix) }
  }

  static func syncFile(_ path: String) throws {
    let fd = Glibc.open(path, O_RDONLY)
    guard fd >= 0 else { throw LedgerFileError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    _ = fsync(fd)
  }
}

/// A closure run on a thread of its own, joined by its starter. The starter waits in
/// `join` before anything the closure captured can go away, so the captures need not be
/// `Sendable`: they are used by one thread at a time.
final class Producer<T>: @unchecked Sendable {
  /// Dropped as soon as it has run: the starter may hand in a closure that must not
  /// outlive its call (`withoutActuallyEscaping`), while the thread object lives on a
  /// little after `join` returns.
  private var work: (() throws -> T)?
  private var outcome: Result<T, Error>?
  private let done = DispatchSemaphore(value: 0)

  init(_ work: @escaping () throws -> T) { self.work = work }

  func start() {
    let thread = Thread { [self] in
      outcome = runOnce()
      done.signal()
    }
    // The engine's recursion is shallow, but a deep scenario must not hit a small default.
    thread.stackSize = 64 << 20
    thread.start()
  }

  /// Runs the work and lets it go before returning.
  private func runOnce() -> Result<T, Error> {
    guard let run = work else { preconditionFailure("a producer runs once") }
    work = nil
    return Result { try run() }
  }

  func join() -> Result<T, Error> {
    done.wait()
    return outcome!
  }
}
