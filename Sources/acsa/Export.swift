import ACSAAudit
import ACSADomain
import ACSALedger
import ACSAReports
import ArgumentParser
import Foundation

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Export a ledger: one party's book alone, or a plain-text journal.",
    discussion: """
      `acsa export LEDGER --book JP --db JP.sqlite` writes JP's journal unchanged (so its \
      chain and head hash are the same as in LEDGER) with the events JP recorded and the \
      refusals. Two such files can be compared with `acsa reconcile JP.sqlite PH.sqlite` \
      and checked with `acsa verify` or `acsa audit`.

      `acsa export LEDGER --format ledger [--book JP] [-o FILE]` writes the journal as \
      plain text that ledger-cli and hledger read (`ledger -f FILE balance`), with the \
      same totals as `acsa balance`.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case sqlite, ledger
  }

  @Option(help: "sqlite: one book as a ledger file (--db); ledger: a ledger-cli/hledger journal (-o, or standard output).")
  var format: Format = .sqlite

  @Argument(help: "A ledger written by `acsa run`.")
  var ledger: String

  @Option(help: ArgumentHelp("The party whose book to write (for ledger, default both).", valueName: "PARTY"))
  var book: String?

  @Option(help: ArgumentHelp("Where to write the book (replaced atomically).", valueName: "PATH"))
  var db: String?

  @Option(name: [.short, .long], help: ArgumentHelp("Where to write a text export (default: standard output).", valueName: "FILE"))
  var output: String?

  func validate() throws {
    switch format {
    case .sqlite:
      guard book != nil, db != nil else { throw ValidationError("--format sqlite writes one book: give --book PARTY and --db PATH") }
    case .ledger:
      if db != nil { throw ValidationError("--db is for --format sqlite; a ledger journal goes to -o FILE or standard output") }
    }
  }

  func run() throws {
    if format == .ledger {
      try exportJournal()
      return
    }
    guard let book, let db else { return }
    do {
      try LedgerFile.exportBook(from: ledger, book: book, to: db)
      let exported = try LedgerReader(path: db).info()
      let entries = try LedgerReader(path: db).queue.read { d in try Int.fetchOne(d, sql: "SELECT COUNT(*) FROM entries") ?? 0 }
      print("Wrote \(book)'s book from \(ledger) to \(db): \(entries) entries")
      print("  head hash \(book): \(exported.meta["book_head_" + book] ?? "")")
    } catch {
      Output.error(String(describing: error))
      throw Exit.staticError
    }
  }

  func exportJournal() throws {
    do {
      let reader = try LedgerReader(path: ledger)
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
        try text.write(toFile: output, atomically: true, encoding: .utf8)
      } else {
        print(text, terminator: "")
      }
    } catch let e as ValidationError {
      throw e
    } catch {
      Output.error(String(describing: error))
      throw Exit.staticError
    }
  }
}
