import ACSADomain
import ACSALedger
import ACSAScenario
import GRDB

/// The checks of a ledger's structure that come before any of its rows is read as
/// records: SQLite's own integrity check (a damaged file is an error, not a finding),
/// the schema against the one acsa writes, every stored value against its column's
/// type, and the scenario kept in the ledger against its hash. `acsa verify` reads
/// the records only when these pass, so that no NULL or stray type can stop it.
public enum LedgerStructure {
  /// The problems found, in the order checked; empty when the ledger's rows can be read.
  public static func problems(_ path: String) throws -> [IntegrityProblem] {
    let reader = try LedgerReader(path: path)
    return try reader.queue.read { db in
      let damage = try LedgerSchema.integrityProblems(db)
      if !damage.isEmpty {
        throw LedgerFileError.damaged(path: path, detail: "SQLite's integrity check says: " + damage.prefix(5).joined(separator: "; "))
      }
      let applied = try LedgerSchema.appliedMigrations(db)
      let format = Int(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'format_version'") ?? "") ?? 0
      let paymentDays = Int(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'payment_days'") ?? "") ?? 30
      let claimDays = Int(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'claim_days'") ?? "") ?? paymentDays
      let expected = try LedgerSchema.expectedDatabase(applied: applied, paymentDays: paymentDays, claimDays: claimDays)
      let differences = LedgerSchema.schemaDifferences(
        try LedgerSchema.objects(db), expected: try expected.read { try LedgerSchema.objects($0) }, indexes: format >= 2)
      var problems = differences.map { IntegrityProblem(.schemaChanged, book: nil, $0) }
      problems += try LedgerSchema.badValues(db, expected: expected).map { v in
        IntegrityProblem(
          .badValue, book: nil, "\(v.table) (\(v.key)): \(v.column) holds \(v.found), where acsa writes \(v.expected)")
      }
      if !problems.isEmpty { return problems }
      let meta = try LedgerReader.metaValues(db)
      guard let source = meta["framework_source"], let hash = meta["framework_hash"] else {
        return [
          IntegrityProblem(.frameworkChanged, book: nil, "the ledger does not keep the scenario it was built from (meta.framework_source)")
        ]
      }
      if LedgerChain.sha256Hex(source) != hash {
        return [
          IntegrityProblem(
            .frameworkChanged, book: nil,
            "the agreement, units, catalog and rates kept in the ledger do not match the hash its chains start from")
        ]
      }
      do {
        _ = try ScenarioLoader.parse(text: source, file: path + "#framework_source")
      } catch {
        return [IntegrityProblem(.frameworkChanged, book: nil, "the scenario kept in the ledger no longer parses: \(error)")]
      }
      return []
    }
  }
}
