import ACSADomain
import Testing

@testable import ACSAAudit
@testable import ACSAReports

/// The text and CSV renderers, on values built by hand.
@Suite("Renderers")
struct RendererTests {
  static let rows = [
    BalanceRow(
      book: "JP", orderID: nil, debtor: "JP", creditor: "PH", kind: "cash", commodity: "PHP", units: 350_000, digits: 2),
    BalanceRow(
      book: "JP", orderID: "O1", debtor: "JP", creditor: "PH", kind: "cash", commodity: "PHP", units: 350_000, digits: 2),
  ]

  @Test("balance CSV: a header, totals then orders, amounts as numbers and units")
  func balanceCSV() throws {
    let report = BalanceReport(parties: ["JP", "PH"], totals: [Self.rows[0]], byOrder: [Self.rows[1]], itemUnits: [:])
    #expect(
      try report.csvText() == """
        book,order,debtor,creditor,kind,commodity,amount,units
        JP,,JP,PH,cash,PHP,3500.00,350000
        JP,O1,JP,PH,cash,PHP,3500.00,350000

        """)
  }

  @Test("reconcile text: the orders compared, then each differing order's aspects, book by book")
  func reconcileText() {
    let r = Reconciliation(
      left: "JP", right: "PH", ordersCompared: 2,
      differences: [
        .init(order: "O1", aspects: [.init(name: "open cash PHP", left: "PHP 3,500.00", right: "none")])
      ])
    #expect(
      ReconcileText.render(r, ("l.sqlite", "l.sqlite")) == """
        Reconciling JP's book with PH's (l.sqlite): 2 orders compared
        The books disagree on 1 order:
          O1
            open cash PHP  JP: PHP 3,500.00  PH: none
        """)
    let agreeing = Reconciliation(left: "JP", right: "PH", ordersCompared: 1, differences: [])
    #expect(
      ReconcileText.render(agreeing, ("JP.sqlite", "PH.sqlite")) == """
        Reconciling JP's book with PH's (JP.sqlite and PH.sqlite): 1 orders compared
        The books agree on every order.
        """)
  }
}
