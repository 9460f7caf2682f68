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
        result = Reconciliation.compare(books[0], books[1], refused: try Self.refused(l), describe: try Self.describer(l))
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
        let da = try Self.describer(a)
        let db = try Self.describer(b)
        result = Reconciliation.compare(
          ba[0], bb[0], refused: try Self.refused(a).union(Self.refused(b)),
          describe: { seq in
            let d = da(seq); return d.hasPrefix("event") ? db(seq) : d
          })
        names = (ledgers[0], ledgers[1])
      }
    }
    if json {
      print(try Output.json(ReconcileJSON(result)))
    } else {
      print(text(result, names))
    }
    if !result.agree { throw Exit.somethingToReport }
  }

  static func refused(_ l: AuditedLedger) throws -> Set<String> {
    Set(try l.reader.storedEvents().filter { $0.record.outcome == .refused && $0.record.action == "order" }.compactMap(\.record.orderID))
  }

  static func describer(_ l: AuditedLedger) throws -> (Int) -> String {
    let bySeq = Dictionary(uniqueKeysWithValues: try l.reader.storedEvents().map { ($0.record.seq, $0.record) })
    return { seq in
      guard let e = bySeq[seq] else { return "event \(seq)" }
      return "\(e.action) on \(e.date) (event \(seq)\(e.eventID.map { ", \($0)" } ?? ""))"
    }
  }

  func text(_ r: Reconciliation, _ names: (String, String)) -> String {
    var out: [String] = []
    let source = names.0 == names.1 ? names.0 : "\(names.0) and \(names.1)"
    out.append("Reconciling \(r.left)'s book with \(r.right)'s (\(source)): \(r.ordersCompared) orders compared")
    if r.agree {
      out.append("The books agree on every order.")
      return out.joined(separator: "\n")
    }
    out.append("The books disagree on \(r.differences.count) order\(r.differences.count == 1 ? "" : "s"):")
    for d in r.differences {
      out.append("  \(d.order)")
      var t = TextTable()
      t.indent = "    "
      for a in d.aspects { t.add([a.name, "\(r.left): \(a.left)", "\(r.right): \(a.right)"]) }
      out.append(t.render())
    }
    return out.joined(separator: "\n")
  }
}

struct ReconcileJSON: Encodable {
  struct Aspect: Encodable {
    let aspect: String
    let books: [String: String]
  }
  struct Order: Encodable {
    let order: String
    let differences: [Aspect]
  }
  let books: [String]
  let orders_compared: Int
  let agree: Bool
  let orders: [Order]

  init(_ r: Reconciliation) {
    books = [r.left, r.right]
    orders_compared = r.ordersCompared
    agree = r.agree
    orders = r.differences.map { d in
      Order(order: d.order, differences: d.aspects.map { Aspect(aspect: $0.name, books: [r.left: $0.left, r.right: $0.right]) })
    }
  }
}
