import ACSADomain
import Foundation
import GRDB
import GRDBSQLite

/// Rows a ledger run hands from the engine's thread to the thread that owns the database
/// connection: the statements in order, their values one after the other, and the text
/// of those values in one buffer (so that handing a batch over, binding its values and
/// freeing it cost no allocation or reference count per value).
struct RowBatch: Sendable {
  /// A value bound to one parameter.
  enum Value: Sendable {
    case int(Int64)
    /// UTF-8 bytes of `text`.
    case text(offset: Int32, count: Int32)
    case null
    /// The hash of the chain record in `text` (`ChainRecordEncoder`), chained by the
    /// database's thread onto the head of `chain` (`ChainHeads`).
    case chained(chain: Int32, offset: Int32, count: Int32)
  }

  /// One execution of a prepared statement (`LedgerWriter.Insert`), or of SQL text
  /// (rare statements: meta, indexes) kept in `sql`.
  struct Operation: Sendable {
    enum Kind: Sendable {
      /// A row of one of the run's inserts.
      case insert(LedgerWriter.Insert)
      /// SQL text, kept at this index of `sql`.
      case sql(index: Int32)
      /// Writes the chains' heads and the digest into `meta` (replacing those an append
      /// continues), and hands the digest back.
      case closeChains
    }
    let kind: Kind
    /// How many values of the batch it takes.
    let arity: UInt8
  }

  var operations: [Operation] = []
  var values: [Value] = []
  var text: [UInt8] = []
  var sql: [String] = []

  var isEmpty: Bool { operations.isEmpty }

  /// Empties the batch, keeping its storage for the next rows.
  mutating func clear() {
    operations.removeAll(keepingCapacity: true)
    values.removeAll(keepingCapacity: true)
    text.removeAll(keepingCapacity: true)
    sql.removeAll(keepingCapacity: true)
  }

  /// How many rows a batch holds before it is handed over.
  static let capacity = 4096

  init() {
    operations.reserveCapacity(Self.capacity)
    values.reserveCapacity(Self.capacity * 12)
    text.reserveCapacity(Self.capacity * 256)
  }

  mutating func int(_ n: Int) { values.append(.int(Int64(n))) }
  mutating func int(_ n: Int64) { values.append(.int(n)) }
  mutating func int(_ n: Int?) { values.append(n.map { .int(Int64($0)) } ?? .null) }
  mutating func bool(_ b: Bool) { values.append(.int(b ? 1 : 0)) }
  mutating func null() { values.append(.null) }

  mutating func text(_ s: String) {
    let start = text.count
    text.append(contentsOf: s.utf8)
    values.append(.text(offset: Int32(start), count: Int32(text.count - start)))
  }

  mutating func text(_ s: String?) {
    if let s { text(s) } else { values.append(.null) }
  }

  /// The hash of a chain record written by `write` (the chain is computed on the
  /// database's thread, off the engine's).
  mutating func chained(_ chain: Int, _ write: (inout ChainRecordEncoder) -> Void) {
    var encoder = ChainRecordEncoder(bytes: [])
    swap(&encoder.bytes, &text)
    let start = encoder.bytes.count
    write(&encoder)
    swap(&encoder.bytes, &text)
    values.append(.chained(chain: Int32(chain), offset: Int32(start), count: Int32(text.count - start)))
  }

  /// The events recorded on an order, as `orders.recorded_events` holds them:
  /// `seq:date` pairs, comma-separated.
  mutating func recordedEvents(_ seqs: [Int], _ dates: [Day]) {
    let start = text.count
    for (i, (seq, date)) in zip(seqs, dates).enumerated() {
      if i > 0 { text.append(0x2C) }
      text.append(contentsOf: String(seq).utf8)
      text.append(0x3A)
      date.appendDescription(to: &text)
    }
    values.append(.text(offset: Int32(start), count: Int32(text.count - start)))
  }

  /// A date as ISO text, written straight into the buffer.
  mutating func day(_ d: Day) {
    let start = text.count
    d.appendDescription(to: &text)
    values.append(.text(offset: Int32(start), count: Int32(text.count - start)))
  }

  mutating func day(_ d: Day?) {
    if let d { day(d) } else { values.append(.null) }
  }
}

/// The error a producer sees once the database side has stopped (its own error is the
/// one reported).
struct PipelineStopped: Error {}

/// A bounded queue of batches between one producer and one consumer thread.
final class BatchChannel: @unchecked Sendable {
  private let condition = NSCondition()
  private var queue: [RowBatch] = []
  private var closed = false
  private var stopped = false
  /// Batches in flight at most (memory is bounded by this times the batch size).
  let depth: Int

  init(depth: Int = 16) { self.depth = depth }

  /// Hands a batch over; waits while the queue is full. Throws once the consumer stopped.
  func send(_ batch: RowBatch) throws {
    condition.lock()
    defer { condition.unlock() }
    while queue.count >= depth && !stopped { condition.wait() }
    if stopped { throw PipelineStopped() }
    queue.append(batch)
    condition.broadcast()
  }

  /// The next batch, or nil once the producer closed the channel and all were taken.
  func receive() -> RowBatch? {
    condition.lock()
    defer { condition.unlock() }
    while queue.isEmpty && !closed { condition.wait() }
    if queue.isEmpty { return nil }
    let batch = queue.removeFirst()
    condition.broadcast()
    return batch
  }

  private var digest: String?
  /// Executed batches, emptied, for the producer to fill again: their storage is already
  /// grown and paged in.
  private var spare: [RowBatch] = []

  /// An empty batch, reused when one is spare.
  func emptyBatch() -> RowBatch {
    condition.lock()
    defer { condition.unlock() }
    return spare.popLast() ?? RowBatch()
  }

  /// Gives an executed batch back.
  func recycle(_ batch: inout RowBatch) {
    batch.clear()
    condition.lock()
    if spare.count < depth + 2 { spare.append(batch) }
    condition.unlock()
  }

  /// The consumer has written the chains' heads (`Operation.closeChains`).
  func deliver(digest: String) {
    condition.lock()
    self.digest = digest
    condition.broadcast()
    condition.unlock()
  }

  /// The digest, once every row before `closeChains` is written.
  func awaitDigest() throws -> String {
    condition.lock()
    defer { condition.unlock() }
    while digest == nil && !stopped { condition.wait() }
    guard let digest else { throw PipelineStopped() }
    return digest
  }

  /// The producer is done.
  func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }

  /// The consumer failed: the producer's next `send` throws.
  func stop() {
    condition.lock()
    stopped = true
    queue.removeAll()
    condition.broadcast()
    condition.unlock()
  }
}

/// Executes batches through SQLite's C interface, on the connection's own thread.
final class BatchExecutor {
  let db: Database
  /// The producer waiting for the digest, when the batches come from another thread.
  let channel: BatchChannel?
  var chains: ChainHeads
  /// Per insert: its statement for one row, and for `groupRows` rows at once.
  let single: [Statement]
  let grouped: [Statement]

  /// Rows inserted by one execution of a grouped statement: a statement's fixed cost
  /// (opening its cursors, halting) is paid once for them all.
  static let groupRows = 32

  init(db: Database, channel: BatchChannel?, chains: ChainHeads) throws {
    self.db = db
    self.channel = channel
    self.chains = chains
    // (Cached by the connection: an append prepares them once for all its transactions.)
    single = try LedgerWriter.Insert.allCases.map { try db.cachedStatement(sql: $0.sql) }
    grouped = try LedgerWriter.Insert.allCases.map { insert in
      let placeholders = "(" + Array(repeating: "?", count: insert.arity).joined(separator: ",") + ")"
      return try db.cachedStatement(sql: insert.sql + String(repeating: "," + placeholders, count: Self.groupRows - 1))
    }
  }

  /// Executes a batch. Between two SQL-text operations, its rows are inserted table by
  /// table (the tables have no triggers and no enforced references, so only the order
  /// of rows within a table matters, and it is kept), `groupRows` rows at a time.
  func execute(_ batch: RowBatch) throws {
    try batch.text.withUnsafeBufferPointer { buffer in
      let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
      let kinds = LedgerWriter.Insert.allCases.count
      var rows = [[Int]](repeating: [], count: kinds)
      func flushRows() throws {
        for kind in 0..<kinds where !rows[kind].isEmpty {
          let insert = LedgerWriter.Insert.allCases[kind]
          let starts = rows[kind]
          var i = 0
          while starts.count - i >= Self.groupRows {
            // (`Statement.sql` trims its text on every call: the SQL is only read on an error.)
            let handle = grouped[kind].sqliteStatement
            for r in 0..<Self.groupRows {
              try bind(handle, batch.values, from: starts[i + r], count: insert.arity, at: r * insert.arity, text: base, sql: insert.sql)
            }
            try step(handle, sql: insert.sql)
            i += Self.groupRows
          }
          while i < starts.count {
            let handle = single[kind].sqliteStatement
            try bind(handle, batch.values, from: starts[i], count: insert.arity, at: 0, text: base, sql: insert.sql)
            try step(handle, sql: insert.sql)
            i += 1
          }
          rows[kind].removeAll(keepingCapacity: true)
        }
      }
      var v = 0
      for operation in batch.operations {
        let arity = Int(operation.arity)
        switch operation.kind {
        case .insert(let insert):
          rows[Int(insert.rawValue)].append(v)
        case .closeChains:
          try flushRows()
          for (key, value) in chains.metaRows {
            // (Standard SQL, as PostgreSQL also reads it: an append's writes are sent there too.)
            try db.execute(
              sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", arguments: [key, value])
          }
          channel?.deliver(digest: chains.digest)
        case .sql(let index):
          try flushRows()
          let sql = batch.sql[Int(index)]
          if arity == 0 {
            try db.execute(sql: sql)
          } else {
            let statement = try db.cachedStatement(sql: sql)
            try bind(statement.sqliteStatement, batch.values, from: v, count: arity, at: 0, text: base, sql: sql)
            try step(statement.sqliteStatement, sql: sql)
          }
        }
        v += arity
      }
      try flushRows()
    }
  }

  /// Binds `count` values; text is bound in place (`SQLITE_STATIC`): the batch outlives
  /// the statement's step.
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  private func bind(
    _ handle: OpaquePointer, _ values: [RowBatch.Value], from start: Int, count: Int, at first: Int, text: UnsafePointer<CChar>?,
    sql: @autoclosure () -> String
  ) throws {
    for i in 0..<count {
      let index = Int32(first + i + 1)
      let code: Int32
      switch values[start + i] {
      case .int(let n): code = sqlite3_bind_int64(handle, index, n)
      case .null: code = sqlite3_bind_null(handle, index)
      case .text(let offset, let length):
        if let text {
          code = sqlite3_bind_text(handle, index, text + Int(offset), length, nil)
        } else {
          code = sqlite3_bind_text(handle, index, "", 0, nil)
        }
      case .chained(let chain, let offset, let length):
        var hash = chains.add(
          UnsafeRawBufferPointer(start: text.map { UnsafeRawPointer($0 + Int(offset)) }, count: Int(length)), to: Int(chain))
        code = hash.withUTF8 { bytes in
          bytes.withMemoryRebound(to: CChar.self) { sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), Self.transient) }
        }
      }
      guard code == SQLITE_OK else { throw error(code, sql: sql()) }
    }
  }

  private func step(_ handle: OpaquePointer, sql: @autoclosure () -> String) throws {
    let code = sqlite3_step(handle)
    // (The text stays bound after the reset, but every execution binds every parameter
    // anew before stepping: nothing reads it once the batch is gone.)
    sqlite3_reset(handle)
    guard code == SQLITE_DONE else { throw error(code, sql: sql()) }
  }

  private func error(_ code: Int32, sql: String) -> DatabaseError {
    DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
  }
}
