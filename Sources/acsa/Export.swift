import ACSAAudit
import ACSADomain
import ACSAFiles
import ACSALedger
import ACSAReports
import ArgumentParser
import Foundation

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Export a ledger: one party's book alone, a plain-text journal, CSV files or JSON.",
    discussion: """
      `acsa export LEDGER --book JP --db JP.sqlite` writes JP's journal unchanged (so its \
      chain and head hash are the same as in LEDGER) with the events JP recorded and the \
      refusals. Two such files can be compared with `acsa reconcile JP.sqlite PH.sqlite` \
      and checked with `acsa verify` or `acsa audit`.

      `acsa export LEDGER --format ledger [--book JP] [-o FILE]` writes the journal as \
      plain text that ledger-cli and hledger read (`ledger -f FILE balance`), with the \
      same totals as `acsa balance`.

      `acsa export LEDGER --format csv -o DIR [--book JP]` writes four CSV files for a \
      spreadsheet into DIR (created if needed): UTF-8 with a byte-order mark, CRLF line \
      ends, a header row, ISO dates (YYYY-MM-DD), amounts as decimals in the currency's \
      minor digits (1260000.00 PHP, 240000 JPY) beside a `currency` column, quantities \
      as decimals, yes/no flags. Every row has a `book` column: the party whose book it \
      is from (both books, unless --book). The files are written beside their \
      destination and renamed into place only when all four are complete.

      \(ExportTable.helpText)

      `acsa export LEDGER --format scenario [-o FILE]` writes the exercise back as a \
      scenario: the agreement and framework the ledger keeps, then every scripted or \
      generated event and expectation of its log in the order processed. `acsa run` \
      replays it to the same ledger_digest; deadline conversions come back from the rules.

      `acsa export LEDGER --format json [--book JP] [-o FILE]` writes the same tables as \
      one JSON document for scripts: {"books", "deliveries", "ledger", "ledger_digest", \
      "obligations", "orders", "scenario", "settlements"}, keys sorted, each table a list \
      of rows with the CSV's column names. Amounts are objects {"currency", "decimal", \
      "formatted", "minor_units"} (minor_units an integer: yen, centavos), quantities \
      {"decimal", "thousandths", "unit"}, flags true/false, empty cells null.

      Examples:
        acsa run scenarios/kamandag-2026.yaml
        acsa export kamandag-2026.sqlite --format csv -o kamandag-csv
        acsa export kamandag-2026.sqlite --format csv --book PH -o ph-csv
        acsa export kamandag-2026.sqlite --format json -o kamandag.json
        acsa export kamandag-2026.sqlite --format json | jq '.obligations | length'
        acsa export kamandag-2026.sqlite --format ledger -o kamandag.ledger
        acsa export kamandag-2026.sqlite --book JP --db JP.sqlite
        acsa export kamandag-2026.sqlite --format scenario -o replay.yaml
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case sqlite, ledger, csv, json, scenario
  }

  @Option(
    help: ArgumentHelp(
      "sqlite: one book as a ledger file (--db); ledger: a ledger-cli/hledger journal; csv: four CSV files in a directory (-o DIR); json: one JSON document; scenario: the exercise as a scenario file."
    ))
  var format: Format = .sqlite

  @Argument(help: "A ledger written by `acsa run`, or one kept in PostgreSQL (postgres://USER@HOST/DATABASE?ledger=NAME).")
  var ledger: String

  @Option(help: ArgumentHelp("The party whose book to write (for ledger, csv and json, default both).", valueName: "PARTY"))
  var book: String?

  @Option(help: ArgumentHelp("Where to write the book (replaced atomically).", valueName: "PATH"))
  var db: String?

  @Option(
    name: [.short, .long],
    help: ArgumentHelp(
      "Where to write: a file for ledger and json (default: standard output), a directory for csv (required).", valueName: "PATH"))
  var output: String?

  func validate() throws {
    switch format {
    case .sqlite:
      guard book != nil, db != nil else { throw ValidationError("--format sqlite writes one book: give --book PARTY and --db PATH") }
    case .ledger:
      if db != nil { throw ValidationError("--db is for --format sqlite; a ledger journal goes to -o FILE or standard output") }
    case .csv:
      if db != nil { throw ValidationError("--db is for --format sqlite; CSV files go to a directory: -o DIR") }
      if output == nil { throw ValidationError("--format csv writes four files: give the directory with -o DIR") }
    case .json:
      if db != nil { throw ValidationError("--db is for --format sqlite; JSON goes to -o FILE or standard output") }
    case .scenario:
      if db != nil { throw ValidationError("--db is for --format sqlite; a scenario goes to -o FILE or standard output") }
      if book != nil { throw ValidationError("--format scenario writes the whole exercise: leave out --book") }
    }
  }

  mutating func run() throws {
    let source = try LedgerArgument.open(ledger)
    ledger = source.name
    switch format {
    case .ledger:
      try exportJournal(source.path)
      return
    case .csv, .json:
      try exportTables(source.path)
      return
    case .scenario:
      try exportScenario(source.path)
      return
    case .sqlite:
      break
    }
    guard let book, let db else { return }
    try LedgerFile.exportBook(from: source.path, book: book, to: db)
    let exported = try LedgerReader(path: db).info()
    let entries = try LedgerReader(path: db).entryCounts().reduce(0) { $0 + $1.count }
    print("Wrote \(book)'s book from \(ledger) to \(db): \(entries) entries")
    print("  head hash \(book): \(exported.meta["book_head_" + book] ?? "")")
  }

  /// What `--format scenario -o FILE` replaces: a scenario acsa exported (its first line).
  static let scenarioKind = OutputKind.text("a scenario exported by acsa", firstLine: "# Exported by acsa")

  /// `path`: the file to read (`ledger`, or its copy out of PostgreSQL).
  func exportScenario(_ path: String) throws {
    let audited = try AuditedLedger(path: path)
    // A live exercise before its end: the replay runs the days the exercise has not
    // reached yet, and their deadline conversions change the digest.
    let (comment, later) = try audited.exportComment(version: ACSAVersion.current, source: ledger)
    let (text, events, expectations) = try audited.scenarioText(comment: comment)
    if let output {
      let file = try AtomicOutput(path: output, kind: Self.scenarioKind, inputs: [path])
      try file.write(text)
      try file.commit()
      print(
        "Wrote \(output): \(events) event\(events == 1 ? "" : "s") and \(expectations) expectation\(expectations == 1 ? "" : "s") from \(ledger); "
          + (later == 0
            ? "`acsa run \(output)` gives its ledger_digest, \(audited.info.digest.prefix(16))…"
            : "its clock stands at \(audited.lastDay): `acsa run \(output)` runs on to \(audited.end), \(later) deadline conversion\(later == 1 ? "" : "s") more, so another digest until the exercise gets there")
      )
    } else {
      print(text, terminator: "")
    }
  }

  /// What `--format ledger -o FILE` replaces: a journal acsa exported (its first line).
  static let journalKind = OutputKind.text("a journal exported by acsa", firstLine: "; acsa ledger export:")

  func exportJournal(_ path: String) throws {
    let reader = try LedgerReader(path: path)
    let info = try reader.info()
    let parties = try reader.books()
    if let book, !parties.contains(book) {
      throw ValidationError("--book: '\(book)' is not a book of this ledger; use one of \(parties.joined(separator: ", "))")
    }
    var digits: [String: Int] = [:]
    for party in info.parties { digits[party.currency] = Currency(code: party.currency)?.minorDigits ?? 0 }
    for code in Currency.minorDigitsByCode.keys { digits[code] = Currency.minorDigitsByCode[code] }
    var text = LedgerJournal.header(scenario: info.scenarioName, digest: info.digest)
    for party in parties where book == nil || party == book {
      for s in try reader.storedEntries(book: party) {
        if let t = LedgerJournal.transaction(s.entry, number: s.number, digits: digits) { text += t }
      }
    }
    if let output {
      let file = try AtomicOutput(path: output, kind: Self.journalKind, inputs: [path])
      try file.write(text)
      try file.commit()
    } else {
      print(text, terminator: "")
    }
  }
}
