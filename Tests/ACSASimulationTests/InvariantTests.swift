import ACSADomain
import ACSAScenario
import ACSASimulation
import PropertyBased
import Testing

/// Builds a random but mostly valid event sequence from a list of numbers: orders of
/// each settlement method, partial and full deliveries, payments, returns, exchanges,
/// conversions and offsets, on increasing dates. Some events are refused (an
/// overpayment, an over-return): the invariants must hold whatever happens.
enum RandomEvents {
  static func yaml(_ ops: [Int], oneBookEvery: Int? = nil) -> String {
    var lines: [String] = []
    var day = Day(iso: "2026-10-10")!
    var orders: [(id: String, kind: Int)] = []
    for (n, op) in ops.enumerated() {
      day = day.adding(days: op % 4)
      let date = day.description
      let books = oneBookEvery.map { n % $0 == 0 ? ", books: [\(op % 2 == 0 ? "JP" : "PH")]" : "" } ?? ""
      let pick = orders.isEmpty ? nil : orders[(op / 7) % orders.count]
      let qty = Double(op / 16 % 40 + 1)
      switch op % 11 {
      case 0, 1, 2:
        let id = "O\(n)"
        let kind = op % 11 % 3
        orders.append((id, kind))
        let terms =
          switch kind {
          case 0: "provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: \(Int(qty)) }, { item: BILLET, qty: 2 } ]"
          case 1: "provider: JPU, receiver: PHU, settlement: replacement, lines: [ { item: FUEL, qty: \(Int(qty) * 10) } ]"
          default: "provider: PHU, receiver: JPU, settlement: equal_value, lines: [ { item: AIRLIFT, qty: \(Int(qty) % 3 + 1) } ]"
          }
        lines.append(
          "- { date: \(date)\(books), order: { id: \(id), activity: RELIEF, \(terms)\(op % 13 == 0 ? ", signed: false" : "")\(op % 5 == 0 ? ", place: Subic, documents: [ D\(n) ]" : "") } }"
        )
      case 3, 4:
        guard let o = pick else { continue }
        let part = op % 2 == 0 ? "" : ", lines: [ { item: \(["MEAL", "FUEL", "AIRLIFT"][o.kind]), qty: 1 } ]"
        lines.append(
          "- { date: \(date)\(books), deliver: { order: \(o.id)\(part)\(op % 5 == 0 ? ", claim: false" : "")\(op % 3 == 0 ? ", receipt: false" : "") } }"
        )
      case 5:
        guard let o = pick else { continue }
        let currency = o.kind == 1 ? "JPY" : "PHP"
        lines.append("- { date: \(date)\(books), pay: { order: \(o.id), amount: \"\(currency) \(Int(qty) * 300)\" } }")
      case 6:
        guard let o = pick else { continue }
        lines.append(
          "- { date: \(date)\(books), return: { order: \(o.id), lines: [ { item: \(op % 2 == 0 ? "FUEL" : "FUEL-ALT"), qty: \(qty / 2) } ] } }"
        )
      case 7:
        guard let o = pick else { continue }
        if op % 2 == 0 {
          lines.append("- { date: \(date)\(books), exchange: { order: \(o.id), lines: [ { item: AIRLIFT, qty: 0.25 } ] } }")
        } else {
          lines.append("- { date: \(date)\(books), convert: { order: \(o.id) } }")
        }
      case 9:
        guard let o = pick else { continue }
        lines.append("- { date: \(date)\(books), \(op % 2 == 0 ? "claim" : "close"): { order: \(o.id) } }")
      default:
        lines.append("- { date: \(date)\(books), offset: { amount: \"JPY \(Int(qty) * 100)\" } }")
      }
      if day > Day(iso: "2027-12-20")! { break }
    }
    return lines.isEmpty ? "[]" : lines.joined(separator: "\n")
  }
}

@Suite("Ledger invariants over random valid event sequences")
struct InvariantTests {
  static let ops = Gen.int(in: 0...100_000).array(of: 1...60)

  /// Σ receivable − Σ payable postings per (debtor, creditor, kind, commodity) in a book.
  static func journalBalances(_ entries: [JournalEntry], book: PartyID, other: PartyID) -> [String: Int64] {
    var sums: [String: Int64] = [:]
    for entry in entries where entry.book == book {
      for p in entry.postings {
        if p.account.text.hasPrefix("receivable:") {
          sums["\(other)>\(book)|\(p.kind.rawValue)|\(p.commodity)", default: 0] += p.amount
        } else if p.account.text.hasPrefix("payable:") {
          sums["\(book)>\(other)|\(p.kind.rawValue)|\(p.commodity)", default: 0] -= p.amount
        }
      }
    }
    return sums.filter { $0.value != 0 }
  }

  static func stateBalances(_ book: Book) -> [String: Int64] {
    var sums: [String: Int64] = [:]
    // Keys are "debtor>creditor|kind|commodity", as the book keys its unapplied amounts.
    var keys = Set(book.obligations.map { "\($0.debtor)>\($0.creditor)|\($0.kind.rawValue)|\($0.commodity)" })
    keys.formUnion(book.bookUnapplied.keys)
    for rec in book.orders.values { keys.formUnion(rec.unapplied.keys) }
    for key in keys {
      let parts = key.split(separator: "|")
      let dc = parts[0].split(separator: ">")
      sums[key] = book.outstanding(
        debtor: String(dc[0]), creditor: String(dc[1]), kind: ObligationKind(rawValue: String(parts[1]))!, commodity: String(parts[2]))
    }
    return sums.filter { $0.value != 0 }
  }

  @Test("every entry balances; each book's journal equals its obligations; the books mirror each other")
  func mirrorAndBalance() async {
    await propertyCheck(count: 60, input: Self.ops) { ops in
      await recordingErrors {
        let (result, sink) = try World.run(RandomEvents.yaml(ops))
        let unbalanced = sink.entries.filter { !$0.isBalanced }
        #expect(unbalanced.isEmpty)
        let jp = Self.journalBalances(sink.entries, book: "JP", other: "PH")
        let ph = Self.journalBalances(sink.entries, book: "PH", other: "JP")
        // The mirror: JP's receivable from PH is PH's payable to JP, and so on.
        #expect(jp == ph)
        #expect(jp == Self.stateBalances(result.book("JP")!))
        #expect(ph == Self.stateBalances(result.book("PH")!))
        let negative = result.books.flatMap(\.obligations).filter { $0.openAmount < 0 || $0.openQty.milli < 0 }
        #expect(negative.isEmpty)

      }
    }
  }

  @Test("with records lost from one book, entries still balance and each journal equals its book")
  func oneBookRecords() async {
    await propertyCheck(count: 40, input: Self.ops) { ops in
      await recordingErrors {
        let (result, sink) = try World.run(RandomEvents.yaml(ops, oneBookEvery: 5))
        let unbalanced = sink.entries.filter { !$0.isBalanced }
        #expect(unbalanced.isEmpty)
        #expect(Self.journalBalances(sink.entries, book: "JP", other: "PH") == Self.stateBalances(result.book("JP")!))
        #expect(Self.journalBalances(sink.entries, book: "PH", other: "JP") == Self.stateBalances(result.book("PH")!))

      }
    }
  }
}

@Suite("The random event builder")
struct RandomEventsTests {
  @Test("produces sequences where most events apply and every obligation kind occurs")
  func meaningful() throws {
    let ops = (0..<120).map { ($0 * 7919 + 13) % 100_000 }
    let (result, _) = try World.run(RandomEvents.yaml(ops))
    #expect(
      result.applied >= 50 && result.applied > result.refusals.count,
      "applied \(result.applied), refused \(result.refusals.map { $0.code ?? "" })")
    let kinds = Set(result.book("JP")!.obligations.map(\.kind))
    #expect(kinds == [.cash, .inKind, .equalValue])
    let actions = Set(result.refusals.map(\.action))
    #expect(!actions.isEmpty)
    let codes = Set(FindingRules.findings(books: result.books, asOf: Day(iso: "2027-06-30")!).map(\.code))
    #expect(codes.count >= 3, "findings: \(codes)")
  }
}

@Suite("Findings of a date from the final books equal those of a run stopped on that date")
struct FindingsAsOfTests {
  @Test("for random event sequences and dates")
  func asOfMatchesStoppedRun() async {
    await propertyCheck(count: 200, input: InvariantTests.ops, Gen.int(in: 0...450)) { ops, offset in
      await recordingErrors {
        let text = World.yaml(events: RandomEvents.yaml(ops, oneBookEvery: 7))
        let full = try ScenarioLoader.parse(text: text, file: "t.yaml")
        var sink = RecordingSink()
        let final = try Engine.run(full, into: &sink)
        // A date within the run (after its end, the run stopped on it would process
        // deadlines the full run never does).
        let day = min(Day(iso: "2026-10-10")!.adding(days: offset), full.end)
        let stopped = Scenario(
          file: full.file, name: full.name, description: nil, start: full.start, end: day, seed: 0, framework: full.framework,
          events: full.events.filter { $0.date <= day }, sourceText: text)
        var other = RecordingSink()
        let atDay = try Engine.run(stopped, into: &other)
        let expected = FindingRules.findings(books: atDay.books, asOf: day).map { "\($0.code.rawValue) \($0.order) \($0.books)" }
        let actual = FindingRules.findings(books: final.books, asOf: day).map { "\($0.code.rawValue) \($0.order) \($0.books)" }
        #expect(actual == expected, "as of \(day)")

      }
    }
  }
}
