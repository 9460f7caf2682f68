import Foundation
import GRDB
import Testing

@testable import ACSALedger

/// The DocC article on the ledger's schema names every table and column a new ledger has.
@Suite("The schema article matches the schema")
struct SchemaArticleTests {
  static let article: String = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Sources/ACSASimulation/ACSASimulation.docc/LedgerSchema.md")
    return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }()

  @Test("every table, its columns, and every view")
  func everyTableAndColumn() throws {
    #expect(!Self.article.isEmpty, "the article is missing")
    let queue = try DatabaseQueue()
    try LedgerSchema.migrator.migrate(queue)
    let (tables, views) = try queue.read { db in
      (
        try String.fetchAll(
          db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'"),
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'view'")
      )
    }
    #expect(tables.count >= 12)
    for table in tables {
      let columns = try queue.read { db in try db.columns(in: table).map(\.name) }
      let row = Self.article.split(separator: "\n").first { $0.hasPrefix("| `\(table)` |") } ?? ""
      #expect(!row.isEmpty, "table \(table) is not in the article")
      let missing = columns.filter { !row.contains("`\($0)`") }
      #expect(missing.isEmpty, "\(table): columns missing from the article: \(missing)")
    }
    for view in views { #expect(Self.article.contains("`\(view)`"), "view \(view) is not in the article") }
  }
}

/// The writer's inserts name every column of their tables, in the schema's order.
@Suite("Inserts match the schema")
struct InsertSchemaTests {
  @Test("each insert writes every column of its table (obligations also their rowid)")
  func everyColumn() throws {
    let queue = try DatabaseQueue()
    try LedgerSchema.migrator.migrate(queue)
    for insert in LedgerWriter.Insert.allCases {
      let (table, columns) = insert.table
      let schema = try queue.read { db in try db.columns(in: table).map(\.name) }
      #expect(columns.filter { $0 != "rowid" } == schema, "\(insert)")
      #expect(insert.arity == columns.count)
      #expect(insert.sql.hasPrefix("INSERT INTO \(table)("))
    }
  }
}
