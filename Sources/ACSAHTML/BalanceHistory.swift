import ACSADomain
import ACSALedger

/// What each party owed the other over time, from the ledger's daily summaries: one
/// chart per commodity (a currency, for cash and equal value; an item, for what is
/// owed in kind), one series per direction and kind. Each direction is read from its
/// creditor's book (what JP is owed, as JP records it), or from the one book an
/// exported ledger holds.
struct BalanceHistory {
  struct Series {
    let debtor: PartyID
    let creditor: PartyID
    let kind: String
    /// The balance after each day that changed it, by day.
    let steps: [(day: Day, units: Int64)]

    var final: Int64 { steps.last?.units ?? 0 }
    /// The highest balance and the first day it was reached.
    var peak: (day: Day, units: Int64)? { steps.reduce(nil) { best, s in best.map { s.units > $0.units ? s : $0 } ?? s } }
  }

  struct Chart {
    let commodity: String
    let isItem: Bool
    let digits: Int
    let series: [Series]
  }

  let charts: [Chart]
  /// The book each direction is read from, keyed `debtor>creditor`.
  let sourceBooks: [String: PartyID]
  /// Directions on which the two books' balances differ at the end of `asOf`.
  let differing: [String]

  static let kindOrder = ["cash", "equal_value", "in_kind"]

  init(movements: [DailyMovement], parties: [Party], books: [PartyID], asOf: Day) {
    let ids = parties.map(\.id)
    var sources: [String: PartyID] = [:]
    for debtor in ids {
      for creditor in ids where creditor != debtor {
        sources["\(debtor)>\(creditor)"] = books.contains(creditor) ? creditor : books.first ?? creditor
      }
    }
    struct Key: Hashable {
      let debtor: PartyID
      let creditor: PartyID
      let kind: String
      let commodity: String
    }
    var steps: [Key: [(day: Day, units: Int64)]] = [:]
    var digits: [String: Int] = [:]
    // Final balances per book, to tell whether the books agree.
    var finals: [PartyID: [Key: Int64]] = [:]
    for m in movements where m.date <= asOf {
      let key = Key(debtor: m.debtor, creditor: m.creditor, kind: m.kind, commodity: m.commodity)
      finals[m.book, default: [:]][key, default: 0] &+= m.units
      guard sources["\(m.debtor)>\(m.creditor)"] == m.book else { continue }
      digits[m.commodity] = m.digits
      var list = steps[key] ?? []
      let previous = list.last?.units ?? 0
      if let last = list.last, last.day == m.date {
        list[list.count - 1].units = previous &+ m.units
      } else {
        list.append((m.date, previous &+ m.units))
      }
      steps[key] = list
    }
    var differing: [String] = []
    if books.count == 2 {
      let a = (finals[books[0]] ?? [:]).filter { $0.value != 0 }
      let b = (finals[books[1]] ?? [:]).filter { $0.value != 0 }
      for debtor in ids {
        for creditor in ids where creditor != debtor {
          let inA = a.filter { $0.key.debtor == debtor && $0.key.creditor == creditor }
          let inB = b.filter { $0.key.debtor == debtor && $0.key.creditor == creditor }
          if inA != inB { differing.append("\(debtor)>\(creditor)") }
        }
      }
    }
    // Charts: the parties' currencies first, then any other currency, then items.
    let used = steps.filter { $0.value.contains { $0.units != 0 } }
    let currencies = Set(used.keys.filter { $0.kind != "in_kind" }.map(\.commodity))
    let partyCurrencies = parties.map(\.currency.code).filter(currencies.contains)
    let otherCurrencies = currencies.subtracting(partyCurrencies).sorted()
    let items = Set(used.keys.filter { $0.kind == "in_kind" }.map(\.commodity)).sorted()
    var charts: [Chart] = []
    for (commodity, isItem) in (partyCurrencies + otherCurrencies).map({ ($0, false) }) + items.map({ ($0, true) }) {
      var series: [Series] = []
      for debtor in ids {
        for creditor in ids where creditor != debtor {
          for kind in Self.kindOrder where (kind == "in_kind") == isItem {
            let key = Key(debtor: debtor, creditor: creditor, kind: kind, commodity: commodity)
            if let s = used[key] { series.append(Series(debtor: debtor, creditor: creditor, kind: kind, steps: s)) }
          }
        }
      }
      charts.append(Chart(commodity: commodity, isItem: isItem, digits: digits[commodity] ?? 0, series: series))
    }
    self.charts = charts
    sourceBooks = sources
    self.differing = differing
  }
}
