import ACSADomain
import ACSAFiles
import Foundation
import GRDB

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
  /// `inputs`: the files the run reads (its scenario), which `path` must not be;
  /// `books`: the books whose chains the ledger keeps (every party's, but for one
  /// party's book alone).
  public static func create<T>(
    at path: String, inputs: [String] = [], framework: Framework, frameworkHash: String, books: [PartyID]? = nil,
    _ body: sending @escaping (LedgerWriter) throws -> T
  ) throws -> T {
    // Run on the producer thread once; this thread never calls it.
    let producer = Producer(body)
    return try atomically(at: path, inputs: inputs) { temp in
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
        try LedgerSchema.stamp(db)
        var value: T?
        try db.inTransaction {
          value = try produce(
            into: db, framework: framework, frameworkHash: frameworkHash, books: books ?? framework.partyIDs, producer)
          return .commit
        }
        guard let value else { preconditionFailure("a committed transaction ran its body") }
        return value
      }
      try queue.close()
      return result
    }
  }

  /// Runs the producer's body on its thread while this thread executes its batches.
  static func produce<T>(
    into db: Database, framework: Framework, frameworkHash: String, books: [PartyID], _ producer: Producer<T>
  ) throws -> T {
    let channel = BatchChannel()
    let executor = try BatchExecutor(db: db, channel: channel, chains: ChainHeads(parties: books, frameworkHash: frameworkHash))
    producer.start(writer: LedgerWriter(destination: .channel(channel), framework: framework, books: books), channel: channel)
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

  /// Runs `make` on a temporary path beside `path`, then moves the result into place
  /// (`AtomicReplacement`: the path must hold nothing, an empty file or an acsa ledger,
  /// and none of `inputs`; the path's lock is held meanwhile). On any error the
  /// temporary file is removed and `path` is untouched; the error says what failed in
  /// words (a full disk, a permission) when SQLite or the system gave one.
  public static func atomically<T>(at path: String, inputs: [String] = [], _ make: (String) throws -> T) throws -> T {
    let replacement: AtomicReplacement
    do {
      replacement = try AtomicReplacement(path: path, kind: ledgerKind, inputs: inputs)
    } catch {
      throw LedgerFileError.file(error)
    }
    do {
      let result = try make(replacement.temporaryPath)
      try replacement.commit()
      return result
    } catch {
      replacement.abandon()
      throw LedgerFileError.writing(path, error)
    }
  }

  /// What `--db` replaces: an acsa ledger (or nothing).
  public static let ledgerKind = OutputKind(
    name: "an acsa ledger", isDatabase: true, recognizes: { probe in probe.isSQLite && (try? open(probe.path)) != nil },
    describes: { probe in probe.isSQLite ? describeDatabase(probe.path) : nil })

}

/// The ledger's body run once on a thread of its own with the writer, joined by its
/// starter. The body was given up by its caller (`sending`), and the writer and channel
/// are built for this exchange: the producer thread is the only one to call the body and
/// the writer; the channel is the one thing both threads share, and it locks.
final class Producer<T>: @unchecked Sendable {
  private var work: ((LedgerWriter) throws -> T)?
  /// Given at `start`, used by the producer thread only.
  private var writer: LedgerWriter?
  private var channel: BatchChannel?
  private var outcome: Result<T, Error>?
  private let done = DispatchSemaphore(value: 0)

  init(_ work: sending @escaping (LedgerWriter) throws -> T) { self.work = work }

  func start(writer: LedgerWriter, channel: BatchChannel) {
    self.writer = writer
    self.channel = channel
    let thread = Thread { [self] in
      outcome = runOnce()
      done.signal()
    }
    // The engine's recursion is shallow, but a deep scenario must not hit a small default.
    thread.stackSize = 64 << 20
    thread.start()
  }

  /// Runs the work (closing the channel when it ends, flushing the writer when it
  /// succeeds) and lets it go before returning.
  private func runOnce() -> Result<T, Error> {
    guard let run = work, let writer, let channel else { preconditionFailure("a producer runs once, once started") }
    work = nil
    defer { channel.close() }
    return Result {
      let value = try run(writer)
      try writer.flush()
      return value
    }
  }

  func join() -> Result<T, Error> {
    done.wait()
    guard let outcome else { preconditionFailure("a producer is joined after it has run") }
    return outcome
  }
}
