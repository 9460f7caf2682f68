import ACSADomain
import ACSALedger
import Testing

@testable import ACSAHTML

@Suite("balances over time from the daily summaries")
struct BalanceHistoryTests {
  static let parties = [
    Party(id: "JP", name: "Japan", currency: .jpy, fiscalYearStart: MonthDay(month: 4, day: 1)!),
    Party(id: "PH", name: "Philippines", currency: .php, fiscalYearStart: MonthDay(month: 1, day: 1)!),
  ]

  static func move(_ book: String, _ date: String, _ debtor: String, _ kind: String, _ commodity: String, _ units: Int64) -> DailyMovement {
    DailyMovement(
      book: book, date: Day(iso: date)!, debtor: debtor, creditor: debtor == "JP" ? "PH" : "JP", kind: kind, commodity: commodity,
      units: units, digits: kind == "in_kind" ? 3 : (commodity == "PHP" ? 2 : 0))
  }

  @Test("each direction from its creditor's book; currencies in party order, then items; a running total per day")
  func charts() {
    let movements = [
      Self.move("JP", "2026-10-05", "JP", "cash", "PHP", 999),  // JP's own record of its debt: not drawn
      Self.move("PH", "2026-10-05", "JP", "cash", "PHP", 1000),
      Self.move("PH", "2026-10-05", "JP", "equal_value", "PHP", 500),
      Self.move("JP", "2026-10-06", "PH", "in_kind", "DIESEL", 8_000_000),
      Self.move("JP", "2026-10-07", "PH", "cash", "JPY", 240_000),
      Self.move("PH", "2026-10-06", "PH", "in_kind", "DIESEL", 8_000_000),  // PH's mirror of its debts: the same
      Self.move("PH", "2026-10-07", "PH", "cash", "JPY", 240_000),
      Self.move("PH", "2026-10-20", "JP", "cash", "PHP", -1000),
      Self.move("PH", "2026-12-01", "JP", "cash", "PHP", 50),  // after --as-of
    ]
    let history = BalanceHistory(movements: movements, parties: Self.parties, books: ["JP", "PH"], asOf: Day(iso: "2026-11-30")!)
    #expect(history.charts.map(\.commodity) == ["JPY", "PHP", "DIESEL"])
    #expect(history.sourceBooks == ["JP>PH": "PH", "PH>JP": "JP"])
    let php = history.charts[1]
    #expect(php.series.map(\.kind) == ["cash", "equal_value"])
    #expect(php.series[0].steps.map(\.units) == [1000, 0])
    #expect(php.series[0].final == 0 && php.series[0].peak?.units == 1000)
    #expect(history.charts[2].isItem && history.charts[2].digits == 3)
    // JP's book says JP owes PH PHP 9.99 in cash; PH's book says nothing is left: they differ.
    #expect(history.differing == ["JP>PH"])
  }

  @Test("an exported book draws both directions from itself; nothing owed gives no chart")
  func oneBook() {
    let movements = [Self.move("JP", "2026-10-05", "JP", "cash", "PHP", 1000)]
    let history = BalanceHistory(movements: movements, parties: Self.parties, books: ["JP"], asOf: Day(iso: "2026-12-31")!)
    #expect(history.sourceBooks == ["JP>PH": "JP", "PH>JP": "JP"])
    #expect(history.charts.count == 1 && history.differing.isEmpty)
    let none = BalanceHistory(movements: [], parties: Self.parties, books: ["JP", "PH"], asOf: Day(iso: "2026-12-31")!)
    #expect(none.charts.isEmpty && none.differing.isEmpty)
  }
}
