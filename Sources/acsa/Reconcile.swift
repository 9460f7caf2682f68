import ACSAAudit
import ACSADomain
import ACSAReports
import ArgumentParser
import Foundation

struct Reconcile: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compare the two parties' books, order by order.",
    discussion: """
      With one ledger, compares the two books it keeps. With two files (each one party's \
      book, as `acsa export --book` writes them), compares them as two offices would. \
      Lists every order on which the books disagree and what each says: whether it is \
      recorded, its status, the events only one book recorded, and what is still owed.

      Exit status: 0 when the books agree, 1 when they differ, 2 on error.
      """)

  @Argument(help: "One ledger with both books, or two files with one book each.")
  var ledgers: [String]

  @Flag(help: "Print JSON (documented in the README).")
  var json = false

  func validate() throws {
    if ledgers.isEmpty || ledgers.count > 2 { throw ValidationError("give one ledger, or two exported books") }
  }

  func run() throws {
    let result: Reconciliation
    let names: (String, String)
    do {
      if ledgers.count == 1 {
        let l = try AuditedLedger(path: ledgers[0])
        guard l.books.count == 2 else { throw ValidationError("\(ledgers[0]) holds one book only; give the other party's file too") }
        let books = try l.reader.snapshotBooks(framework: l.framework)
        guard books.count == 2 else { throw ValidationError("\(ledgers[0]) holds one book only; give the other party's file too") }
        result = Reconciliation.compare(books[0], books[1], refused: try l.refusedOrders(), describe: try l.eventDescriber())
        names = (ledgers[0], ledgers[0])
      } else {
        let a = try AuditedLedger(path: ledgers[0])
        let b = try AuditedLedger(path: ledgers[1])
        guard a.books.count == 1, b.books.count == 1, a.books != b.books else {
          throw ValidationError("give two exported books of different parties (acsa export LEDGER --book JP --db JP.sqlite)")
        }
        guard a.frameworkHash == b.frameworkHash else {
          throw ValidationError("\(ledgers[0]) and \(ledgers[1]) were not built from the same scenario")
        }
        let ba = try a.reader.snapshotBooks(framework: a.framework)
        let bb = try b.reader.snapshotBooks(framework: b.framework)
        let da = try a.eventDescriber()
        let db = try b.eventDescriber()
        result = Reconciliation.compare(
          ba[0], bb[0], refused: try a.refusedOrders().union(b.refusedOrders()),
          describe: { seq in
            let d = da(seq); return d.hasPrefix("event") ? db(seq) : d
          })
        names = (ledgers[0], ledgers[1])
      }
    }
    if json {
      print(try Output.json(ReconcileJSON(result)))
    } else {
      print(ReconcileText.render(result, names))
    }
    if !result.agree { throw Exit.somethingToReport }
  }
}
