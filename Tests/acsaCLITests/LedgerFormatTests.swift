import Foundation
import Testing

/// Every read checks the ledger's format: a newer or unknown one, another application's
/// database, a damaged meta table or a file cut short is refused with what is wrong,
/// by every command that reads ledgers (exit 2); a ledger of the earlier format 1 is
/// still read.
@Suite("Ledger formats: newer, unknown, damaged and cut-short files are refused")
struct LedgerFormatTests {
  /// Every command that reads a ledger, with the ledger at `path`.
  static func readers(_ path: String) -> [[String]] {
    [
      ["balance", path], ["audit", path], ["verify", path], ["report", path, "--html", "r.html"], ["reconcile", path],
      ["export", path, "--format", "json"], ["export", path, "--book", "JP", "--db", "jp.sqlite"],
    ]
  }

  static func edited(_ sql: String) throws -> (URL, String) {
    let (tmp, path) = try CLI.kamandagLedger()
    _ = try CLI.sqlite(path, sql)
    return (tmp, path)
  }

  static func expectRefused(_ tmp: URL, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    for arguments in readers("k.sqlite") {
      let out = try CLI.run(arguments, in: tmp)
      #expect(out.status == 2, "\(arguments): \(out.status) \(out.stderr)", sourceLocation: sourceLocation)
      #expect(out.stderr == "acsa: error: " + message + "\n", "\(arguments)", sourceLocation: sourceLocation)
    }
    #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("jp.sqlite").path), sourceLocation: sourceLocation)
  }

  @Test("a ledger says what it is: application_id ACSA and user_version, meta.format_version 2")
  func stamped() throws {
    let (_, path) = try CLI.kamandagLedger()
    #expect(try CLI.sqlite(path, "PRAGMA application_id") == String(0x4143_5341))
    #expect(try CLI.sqlite(path, "PRAGMA user_version") == "2")
    #expect(try CLI.sqlite(path, "SELECT value FROM meta WHERE key = 'format_version'") == "2")
  }

  @Test("written by a newer acsa: meta.format_version 99, or PRAGMA user_version 999")
  func newer() throws {
    var (tmp, _) = try Self.edited("UPDATE meta SET value = '99' WHERE key = 'format_version'")
    try Self.expectRefused(
      tmp,
      "cannot read ledger k.sqlite: it was written by a newer acsa (ledger format 99; this acsa reads formats 1 to 2): use a newer acsa")
    (tmp, _) = try Self.edited("PRAGMA user_version = 999")
    try Self.expectRefused(
      tmp, "cannot read ledger k.sqlite: its PRAGMA user_version is 999: a newer acsa's format (this acsa reads formats 1 to 2)")
    (tmp, _) = try Self.edited("INSERT INTO grdb_migrations VALUES ('v9-future')")
    try Self.expectRefused(
      tmp, "cannot read ledger k.sqlite: it holds schema changes this acsa does not know (v9-future): use a newer acsa")
  }

  @Test("an unknown or damaged meta: format_version 'abc' or 0, missing, or out of step with the header")
  func damagedMeta() throws {
    var (tmp, _) = try Self.edited("UPDATE meta SET value = 'abc' WHERE key = 'format_version'")
    try Self.expectRefused(tmp, "k.sqlite is a damaged acsa ledger: meta.format_version is 'abc', not a version number")
    (tmp, _) = try Self.edited("UPDATE meta SET value = '0' WHERE key = 'format_version'")
    try Self.expectRefused(tmp, "cannot read ledger k.sqlite: ledger format 0 is not one acsa ever wrote")
    (tmp, _) = try Self.edited("DELETE FROM meta WHERE key = 'format_version'")
    try Self.expectRefused(tmp, "k.sqlite is a damaged acsa ledger: its meta table has no format_version")
    (tmp, _) = try Self.edited("UPDATE meta SET value = '1' WHERE key = 'format_version'")
    try Self.expectRefused(
      tmp, "k.sqlite is a damaged acsa ledger: its header says format 2 (application_id 1094931265), its meta table format 1")
    (tmp, _) = try Self.edited("DROP TABLE postings")
    try Self.expectRefused(tmp, "k.sqlite is a damaged acsa ledger: it has no postings table")
  }

  @Test("another application's database, and a file that is not SQLite, are not ledgers")
  func notALedger() throws {
    let (tmp, _) = try Self.edited("PRAGMA application_id = 42")
    try Self.expectRefused(tmp, "k.sqlite is an SQLite database of another application (application_id 2a), not an acsa ledger")
    let scenario = try String(contentsOfFile: CLI.scenario("kamandag-2026.yaml"), encoding: .utf8)
    try FileManager.default.removeItem(at: tmp.appendingPathComponent("k.sqlite"))
    try scenario.write(to: tmp.appendingPathComponent("k.sqlite"), atomically: true, encoding: .utf8)
    try Self.expectRefused(
      tmp, "k.sqlite is a YAML scenario (`acsa validate`, `run` and `explain` read scenarios), not an acsa ledger")
  }

  @Test("a ledger cut short by its last page is damaged, not a ledger with fewer rows")
  func cutShort() throws {
    let (tmp, path) = try CLI.kamandagLedger()
    let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    try handle.truncate(atOffset: UInt64(size - 4096))
    try handle.close()
    try Self.expectRefused(
      tmp,
      "k.sqlite is a damaged acsa ledger: the file is \(size - 4096) bytes long, but its header says \(size / 4096) pages of 4096 bytes (\(size) bytes): it was cut short"
    )
  }

  @Test("a ledger of format 1 (written by an earlier acsa, without application_id) is still read")
  func formatOne() throws {
    let (tmp, _) = try Self.edited(
      "PRAGMA application_id = 0; PRAGMA user_version = 0; UPDATE meta SET value = '1' WHERE key = 'format_version'")
    for arguments in Self.readers("k.sqlite") {
      let out = try CLI.run(arguments, in: tmp)
      // KAMANDAG has a late payment: the audit reports it.
      #expect(out.status == (arguments[0] == "audit" ? 1 : 0), "\(arguments): \(out.stderr)")
    }
  }
}
