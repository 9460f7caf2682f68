import ACSAAudit
import ACSADomain
import ACSALedger
import ArgumentParser
import Foundation

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write one party's book alone, as that party's office keeps it.",
    discussion: """
      `acsa export LEDGER --book JP --db JP.sqlite` writes JP's journal unchanged (so its \
      chain and head hash are the same as in LEDGER) with the events JP recorded and the \
      refusals. Two such files can be compared with `acsa reconcile JP.sqlite PH.sqlite` \
      and checked with `acsa verify` or `acsa audit`.
      """)

  @Argument(help: "A ledger written by `acsa run`.")
  var ledger: String

  @Option(help: ArgumentHelp("The party whose book to write.", valueName: "PARTY"))
  var book: String

  @Option(help: ArgumentHelp("Where to write it (replaced atomically).", valueName: "PATH"))
  var db: String

  func run() throws {
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
}
