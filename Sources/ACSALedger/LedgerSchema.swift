import ACSADomain
import Foundation
import GRDB

/// The ledger's schema. Migrations have stable ids and are never edited once shipped;
/// a change is a new migration.
public enum LedgerSchema {
  /// Bumped when a ledger written by this version cannot be read by an older one, or
  /// holds something an older one would not check. 2: the file says what it is
  /// (`PRAGMA application_id`, `user_version`). acsa reads formats 1 to this one.
  public static let formatVersion = 2

  /// `PRAGMA application_id` of an acsa ledger: "ACSA" in ASCII.
  public static let applicationID: Int32 = 0x4143_5341

  /// The meta keys every ledger has.
  public static let requiredMeta = [
    "format_version", "scenario_name", "scenario_start", "scenario_end", "framework_source", "framework_hash", "log_head",
    "ledger_digest",
  ]

  /// The tables every ledger has.
  static let requiredTables = [
    "meta", "parties", "commodities", "events", "entries", "postings", "orders", "deliveries", "obligations",
    "daily_balances", "unapplied",
  ]

  /// A stored value as a message shows it: 'text', a number, NULL.
  static func shown(_ value: DatabaseValue) -> String {
    switch value.storage {
    case .null: "NULL"
    case .int64(let n): "the number \(n)"
    case .double(let d): "the number \(d)"
    case .string(let s): "'\(s.prefix(40))'"
    case .blob(let b): "a blob of \(b.count) bytes"
    }
  }

  /// Marks a new ledger as acsa's, of this format.
  static func stamp(_ db: Database) throws {
    try db.execute(sql: "PRAGMA application_id = \(applicationID)")
    try db.execute(sql: "PRAGMA user_version = \(formatVersion)")
  }

  /// Refuses a ledger this acsa cannot read: another application's database, one
  /// written by a newer acsa or of an unknown format, one whose meta table is damaged.
  static func checkFormat(_ db: Database, path: String) throws {
    let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
    let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    let ours = application == applicationID
    if application != 0 && !ours {
      throw LedgerFileError.notALedger(
        path: path, what: "an SQLite database of another application (application_id \(String(UInt32(bitPattern: application), radix: 16)))"
      )
    }
    func damaged(_ detail: String) -> LedgerFileError { .damaged(path: path, detail: detail) }
    guard try db.tableExists("meta") else {
      if ours { throw damaged("it has no meta table") }
      throw LedgerFileError.notALedger(path: path, what: "an SQLite database (it has no meta table)")
    }
    var meta: [String: (value: DatabaseValue, count: Int)] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") {
      let keyValue: DatabaseValue = row[0]
      guard case .string(let key) = keyValue.storage else { throw damaged("its meta table has a key that is \(keyValue), not text") }
      meta[key] = (row[1], (meta[key]?.count ?? 0) + 1)
    }
    guard let format = meta["format_version"] else {
      if ours || !meta.isEmpty { throw damaged("its meta table has no format_version") }
      throw LedgerFileError.notALedger(path: path, what: "an SQLite database (its meta table is empty)")
    }
    guard case .string(let text) = format.value.storage, !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
      text.utf8.count <= 9, let version = Int(text)
    else {
      throw damaged("meta.format_version is \(shown(format.value)), not a version number")
    }
    if version > formatVersion {
      throw LedgerFileError.unsupportedFormat(
        path: path,
        detail: "it was written by a newer acsa (ledger format \(version); this acsa reads formats 1 to \(formatVersion)): use a newer acsa"
      )
    }
    if version < 1 {
      throw LedgerFileError.unsupportedFormat(path: path, detail: "ledger format \(version) is not one acsa ever wrote")
    }
    if userVersion > formatVersion {
      throw LedgerFileError.unsupportedFormat(
        path: path,
        detail: "its PRAGMA user_version is \(userVersion): a newer acsa's format (this acsa reads formats 1 to \(formatVersion))")
    }
    let stamped = version >= 2
    if userVersion != (stamped ? version : 0) || (stamped && !ours) {
      throw damaged("its header says format \(userVersion) (application_id \(application)), its meta table format \(version)")
    }
    if try db.tableExists("grdb_migrations") {
      let known = Set(migrationIDs)
      let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations WHERE identifier IS NOT NULL")
      let unknown = applied.filter { !known.contains($0) }
      if !unknown.isEmpty {
        throw LedgerFileError.unsupportedFormat(
          path: path, detail: "it holds schema changes this acsa does not know (\(unknown.joined(separator: ", "))): use a newer acsa")
      }
    }
    for (key, entry) in meta where entry.count > 1 { throw damaged("its meta table holds \(key) \(entry.count) times") }
    for table in requiredTables where try !db.tableExists(table) { throw damaged("it has no \(table) table") }
  }

  /// The partial indexes over the only rows that can make a finding at some date
  /// (`Candidates`): `acsa audit` reads them instead of every order. They are created
  /// before a run's rows are written (they hold few rows, and SQLite keeps them up to
  /// date as rows are inserted, while the engine works on the next ones).
  public static func findingIndexes(paymentDays: Int, claimDays: Int) -> String {
    """
    CREATE INDEX IF NOT EXISTS obligations_open ON obligations(book, order_id) WHERE open <> 0;
    CREATE INDEX IF NOT EXISTS obligations_findable ON obligations(book, order_id) WHERE \(Candidates.obligations(paymentDays: paymentDays, claimDays: claimDays));
    CREATE INDEX IF NOT EXISTS deliveries_lapses ON deliveries(book, order_id) WHERE \(Candidates.deliveries);
    CREATE INDEX IF NOT EXISTS orders_closed_with_balance ON orders(book, order_id) WHERE \(Candidates.orders);
    """
  }

  /// Indexes for looking an order up, created once a ledger is written (inserting into
  /// an indexed table row by row is slower than indexing it at the end): its events.
  /// Postings carry their order's id but are not indexed by it: `acsa` never looks them
  /// up by order, and that index cost a twentieth of a million-order run.
  public static let lookupIndexes = """
    CREATE INDEX IF NOT EXISTS events_order ON events(order_id);
    """

  /// The rows that can make an order's finding at some date, as SQL conditions: a
  /// superset, since `FindingRules` then judges each such order as of the audit date.
  /// The partial indexes above use the same text, so that SQLite reads them.
  public enum Candidates {
    /// An obligation can be in a `no_claim`, `not_invoiced`, `late_payment` or
    /// `overdue` finding at some date unless its dates are well formed and show that
    /// it was claimed within `claim_days` of delivery, billed (cash) within one day
    /// more, paid (cash, billed, with a due date) by its due date, and settled or
    /// converted by its deadline.
    public static func obligations(paymentDays: Int, claimDays: Int) -> String {
      func valid(_ column: String) -> String { "(date(\(column)) IS \(column) AND \(column) >= '0001')" }
      let clean = [
        valid("delivery_date"), valid("created_on"), valid("deadline"),
        "claimed_on IS NOT NULL", valid("claimed_on"), "julianday(claimed_on) - julianday(delivery_date) <= \(claimDays)",
        "(kind IS NOT 'cash' OR (billed_on IS NOT NULL AND \(valid("billed_on")) AND julianday(billed_on) - julianday(delivery_date) <= \(paymentDays + 1)))",
        "(kind IS NOT 'cash' OR due_on IS NULL OR billed_on IS NULL OR (settled_on IS NOT NULL AND \(valid("settled_on")) AND \(valid("due_on")) AND settled_on <= due_on))",
        "((settled_on IS NOT NULL AND \(valid("settled_on")) AND settled_on <= deadline) OR (converted_on IS NOT NULL AND \(valid("converted_on")) AND converted_on <= deadline))",
      ]
      return "NOT COALESCE(\(clean.joined(separator: " AND ")), 0)"
    }

    /// A delivery without a receipt, or made while the order was not signed.
    public static let deliveries = "(receipt = 0 OR while_unsigned <> 0)"

    /// An order closed with a balance.
    public static let orders = "closed_with_balance <> 0"
  }

  /// Every migration this acsa knows, in order.
  static let migrationIDs = ["v1-books", "v2-differing-orders", "v3-clustered-tables"]

  public static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1-books") { db in
      try db.execute(sql: v1)
    }
    migrator.registerMigration("v2-differing-orders") { db in
      try db.execute(sql: v2)
    }
    migrator.registerMigration("v3-clustered-tables") { db in
      try db.execute(sql: v3)
    }
    return migrator
  }

  /// Older ledgers do not have it: `acsa audit` then reads every order.
  static let v2 = """
    -- The orders whose records may differ between the two books
    -- (FindingRules.recordsMayDiffer: in one book only, or with different recorded
    -- events, obligations or unapplied amounts), written at the end of a run: a
    -- `book_mismatch` can only be found on them. Checked against a replay by `acsa verify`.
    CREATE TABLE differing_orders (
      order_id TEXT PRIMARY KEY NOT NULL
    );
    """

  /// The tables written row by row in key order, clustered on their keys (WITHOUT
  /// ROWID): one B-tree per table instead of a table and its key's index, so a run
  /// inserts each row once. The same columns and keys as v1 (each table's statement is
  /// v1's, with the clause added; rows are copied over), and the same views.
  ///
  /// And the events each book recorded on each order move into a column of its order's
  /// row, `orders.recorded_events` (`seq:date` pairs, comma-separated, in the order
  /// recorded): a run wrote six small rows an order for them. `order_events` is now a
  /// view with v1's columns over that column.
  static let v3: String = {
    let clustered = ["entries", "postings", "orders", "deliveries"]
    let views = v1[v1.range(of: "-- What each debtor owes each creditor")!.lowerBound...]
    var sql = "DROP VIEW open_balances;\nDROP VIEW open_obligations;\nDROP VIEW order_status;\nDROP VIEW refusals;\n"
    for table in clustered {
      let start = v1.range(of: "CREATE TABLE \(table) (")!
      let end = v1.range(of: "\n);", range: start.upperBound..<v1.endIndex)!
      let columns = v1[start.upperBound..<end.lowerBound]
      sql += """
        CREATE TABLE \(table)_v3 (\(columns)
        ) WITHOUT ROWID;
        INSERT INTO \(table)_v3 SELECT * FROM \(table);
        DROP TABLE \(table);
        ALTER TABLE \(table)_v3 RENAME TO \(table);

        """
    }
    sql += """
      ALTER TABLE orders ADD COLUMN recorded_events TEXT;
      UPDATE orders SET recorded_events = (
        SELECT group_concat(event_seq || ':' || date, ',') FROM (
          SELECT event_seq, date FROM order_events e WHERE e.book = orders.book AND e.order_id = orders.order_id ORDER BY event_seq));
      DROP TABLE order_events;
      -- The events each book recorded on each order, from orders.recorded_events.
      CREATE VIEW order_events AS
      WITH RECURSIVE split(book, order_id, item, rest) AS (
        SELECT book, order_id, NULL, recorded_events || ',' FROM orders WHERE recorded_events <> ''
        UNION ALL
        SELECT book, order_id, substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1) FROM split WHERE rest <> ''
      )
      SELECT book, order_id, CAST(substr(item, 1, instr(item, ':') - 1) AS INTEGER) AS event_seq,
             substr(item, instr(item, ':') + 1) AS date
      FROM split WHERE item IS NOT NULL;

      """
    return sql + views
  }()

  static let v1 = """
    CREATE TABLE meta (
      key   TEXT PRIMARY KEY NOT NULL,
      value TEXT NOT NULL
    );
    CREATE TABLE parties (
      id                TEXT PRIMARY KEY NOT NULL,
      position          INTEGER NOT NULL,
      name              TEXT NOT NULL,
      currency          TEXT NOT NULL,
      fiscal_year_start TEXT NOT NULL
    );
    -- What each commodity's integer amounts count: minor units of a currency
    -- (JPY 0 digits, PHP 2) or thousandths of an item (3 digits).
    CREATE TABLE commodities (
      commodity    TEXT NOT NULL,
      kind         TEXT NOT NULL CHECK (kind IN ('currency', 'item')),
      digits       INTEGER NOT NULL,
      unit         TEXT,
      PRIMARY KEY (commodity, kind)
    );
    -- Every scripted event in processing order, refused ones included, every
    -- deadline conversion (outcome 'system', one row per book) and every expectation.
    CREATE TABLE events (
      seq      INTEGER PRIMARY KEY NOT NULL,
      date     TEXT NOT NULL,
      event_id TEXT,
      line     INTEGER,
      action   TEXT NOT NULL,
      order_id TEXT,
      books    TEXT NOT NULL,
      outcome  TEXT NOT NULL CHECK (outcome IN ('applied', 'refused', 'system', 'expect_passed', 'expect_failed')),
      code     TEXT,
      message  TEXT NOT NULL,
      -- The event itself (EventCodec), and its hash in the log's chain (NULL for
      -- expectations, which are not chained).
      payload  TEXT,
      hash     TEXT
    );
    -- The journal: append-only, one entry per applied event per book that records it
    -- (with or without postings), and one per deadline conversion.
    CREATE TABLE entries (
      book      TEXT NOT NULL REFERENCES parties(id),
      entry_no  INTEGER NOT NULL,
      date      TEXT NOT NULL,
      event_seq INTEGER NOT NULL REFERENCES events(seq),
      order_id  TEXT,
      memo      TEXT NOT NULL,
      -- What the book recorded of the event (EventCodec), replayable.
      payload   TEXT NOT NULL,
      -- This entry's hash in the book's chain (covers the entry and its postings).
      hash      TEXT NOT NULL,
      PRIMARY KEY (book, entry_no)
    );
    -- Postings: amount > 0 is a debit, < 0 a credit, in the commodity's integer
    -- units. Every entry sums to zero per (kind, commodity).
    CREATE TABLE postings (
      book          TEXT NOT NULL,
      entry_no      INTEGER NOT NULL,
      line_no       INTEGER NOT NULL,
      date          TEXT NOT NULL,
      account       TEXT NOT NULL,
      kind          TEXT NOT NULL CHECK (kind IN ('cash', 'in_kind', 'equal_value')),
      commodity     TEXT NOT NULL,
      amount        INTEGER NOT NULL,
      order_id      TEXT,
      obligation_id INTEGER,
      PRIMARY KEY (book, entry_no, line_no),
      FOREIGN KEY (book, entry_no) REFERENCES entries(book, entry_no)
    );
    -- Snapshots of each book at the end of the run, derived from its journal (and
    -- checked against a replay by `acsa verify`). `acsa audit` reads them: every
    -- finding is judged from their dates, so they answer for any earlier date too.
    CREATE TABLE orders (
      book                 TEXT NOT NULL,
      order_id             TEXT NOT NULL,
      position             INTEGER NOT NULL,
      date                 TEXT NOT NULL,
      activity             TEXT NOT NULL,
      provider_unit        TEXT NOT NULL,
      receiver_unit        TEXT NOT NULL,
      provider             TEXT NOT NULL,
      receiver             TEXT NOT NULL,
      settlement           TEXT NOT NULL,
      terms                TEXT NOT NULL,   -- the order event (EventCodec)
      signed               INTEGER NOT NULL,
      recorded_order_event INTEGER NOT NULL,
      cancelled            INTEGER NOT NULL,
      closed_on            TEXT,
      closed_with_balance  INTEGER NOT NULL,
      status               TEXT NOT NULL,
      PRIMARY KEY (book, order_id)
    );
    CREATE TABLE deliveries (
      book           TEXT NOT NULL,
      order_id       TEXT NOT NULL,
      delivery_no    INTEGER NOT NULL,
      date           TEXT NOT NULL,
      event_seq      INTEGER NOT NULL,
      receipt        INTEGER NOT NULL,
      while_unsigned INTEGER NOT NULL,
      obligation_ids TEXT NOT NULL,
      PRIMARY KEY (book, order_id, delivery_no)
    );
    -- The events each book recorded on each order (offsets touch several orders).
    CREATE TABLE order_events (
      book      TEXT NOT NULL,
      order_id  TEXT NOT NULL,
      event_seq INTEGER NOT NULL,
      date      TEXT NOT NULL,
      PRIMARY KEY (book, order_id, event_seq)
    );
    CREATE TABLE obligations (
      book           TEXT NOT NULL,
      obligation_id  INTEGER NOT NULL,
      order_id       TEXT NOT NULL,
      kind           TEXT NOT NULL,
      debtor         TEXT NOT NULL,
      creditor       TEXT NOT NULL,
      item           TEXT NOT NULL,
      category       TEXT NOT NULL,
      commodity      TEXT NOT NULL,
      original       INTEGER NOT NULL,
      open           INTEGER NOT NULL,
      value_currency TEXT NOT NULL,
      value          INTEGER NOT NULL,
      delivery_date  TEXT NOT NULL,
      created_on     TEXT NOT NULL,
      deadline       TEXT NOT NULL,
      claimed_on     TEXT,
      billed_on      TEXT,
      due_on         TEXT,
      settled_on     TEXT,
      converted_on   TEXT,
      converted_into INTEGER,
      converted_from INTEGER,
      PRIMARY KEY (book, obligation_id)
    );
    -- Net change of each open balance per day, in each book (from the journal's
    -- receivable and payable postings): `acsa balance` sums it up to a date.
    CREATE TABLE daily_balances (
      book      TEXT NOT NULL,
      date      TEXT NOT NULL,
      debtor    TEXT NOT NULL,
      creditor  TEXT NOT NULL,
      kind      TEXT NOT NULL,
      commodity TEXT NOT NULL,
      units     INTEGER NOT NULL,
      PRIMARY KEY (book, date, debtor, creditor, kind, commodity)
    );
    -- Settlements a book could not apply to any debt it recorded (a credit): per order,
    -- or for the book as a whole (order_id NULL), keyed "debtor>creditor|kind|commodity".
    CREATE TABLE unapplied (
      book     TEXT NOT NULL,
      order_id TEXT,
      key      TEXT NOT NULL,
      amount   INTEGER NOT NULL
    );

    -- What each debtor owes each creditor, by kind and commodity, in each book,
    -- from the journal's receivable and payable accounts.
    CREATE VIEW open_balances AS
    SELECT p.book,
           CASE WHEN p.account LIKE '\(Account.receivablePrefix)%' THEN o.id ELSE p.book END AS debtor,
           CASE WHEN p.account LIKE '\(Account.receivablePrefix)%' THEN p.book ELSE o.id END AS creditor,
           p.kind, p.commodity,
           SUM(CASE WHEN p.account LIKE '\(Account.receivablePrefix)%' THEN p.amount ELSE -p.amount END) AS units,
           c.digits
    FROM postings p
    JOIN parties o ON o.id <> p.book
    LEFT JOIN commodities c ON c.commodity = p.commodity
         AND c.kind = CASE p.kind WHEN 'in_kind' THEN 'item' ELSE 'currency' END
    WHERE p.account LIKE '\(Account.receivablePrefix)%' OR p.account LIKE '\(Account.payablePrefix)%'
    GROUP BY p.book, debtor, creditor, p.kind, p.commodity
    HAVING units <> 0;

    -- Open obligations one by one, by debtor, creditor, kind and commodity.
    CREATE VIEW open_obligations AS
    SELECT book, obligation_id, order_id, debtor, creditor, kind, commodity, item,
           open AS units, delivery_date, deadline, due_on
    FROM obligations WHERE open > 0;

    -- Each order's status in each book.
    CREATE VIEW order_status AS
    SELECT order_id, book, status, provider, receiver, settlement, date
    FROM orders ORDER BY order_id, book;

    -- Refused events with their codes.
    CREATE VIEW refusals AS
    SELECT seq, date, event_id, line, action, order_id, code, message
    FROM events WHERE outcome = 'refused';
    """
}
