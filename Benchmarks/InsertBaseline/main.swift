// The practical limit of SQLite here: inserts ROWS rows into a table shaped like the
// ledger's postings (the same ten columns and clustered key) through one prepared
// statement in one transaction, into a new file with the settings `acsa run` builds its
// ledger with (no journal, no sync until the end). Prints the rate.
//
//   acsa-insert-baseline ROWS PATH
import Foundation
import GRDB

let arguments = CommandLine.arguments
guard arguments.count == 3, let rows = Int(arguments[1]), rows > 0 else {
  FileHandle.standardError.write(Data("usage: acsa-insert-baseline ROWS PATH\n".utf8))
  exit(2)
}
let path = arguments[2]
for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
let config = Configuration()
let queue = try DatabaseQueue(path: path, configuration: config)
try queue.write { db in
  try db.execute(
    sql: """
      CREATE TABLE postings (book TEXT NOT NULL, entry_no INTEGER NOT NULL, line_no INTEGER NOT NULL, date TEXT NOT NULL,
        account TEXT NOT NULL, kind TEXT NOT NULL, commodity TEXT NOT NULL, amount INTEGER NOT NULL, order_id TEXT,
        obligation_id INTEGER, PRIMARY KEY (book, entry_no, line_no)) WITHOUT ROWID
      """)
}
let start = Date()
try queue.writeWithoutTransaction { db in
  try db.execute(sql: "PRAGMA journal_mode = OFF")
  try db.execute(sql: "PRAGMA synchronous = OFF")
  try db.inTransaction {
    let statement = try db.makeStatement(sql: "INSERT INTO postings VALUES (?,?,?,?,?,?,?,?,?,?)")
    for i in 0..<rows {
      statement.setUncheckedArguments([
        "JP", i / 2 + 1, i % 2, "2026-10-05", "receivable:cash", "cash", "PHP", 35_000 + i, "O\(i / 4)", i / 2,
      ])
      try statement.execute()
    }
    return .commit
  }
}
let seconds = Date().timeIntervalSince(start)
print(String(format: "%d rows in %.2f s: %.0f rows/s", rows, seconds, Double(rows) / seconds))
