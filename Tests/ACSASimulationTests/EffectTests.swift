import ACSADomain
import Testing

@Suite("Each event kind's effect on both books, against amounts computed by hand")
struct EffectTests {
  @Test("a cash delivery: receivable in the provider's book mirrors the payable in the receiver's")
  func cashDelivery() throws {
    let (result, sink) = try World.run(
      """
      - { date: 2026-10-05, order: { id: O1, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 10 }, { item: MEAL, qty: 0.5 } ] } }
      - { date: 2026-10-06, deliver: { order: O1 } }
      """)
    // 10 x PHP 350.00 = PHP 3,500.00 and 0.5 x 350.00 = 175.00: one line, 10.5 meals, PHP 3,675.00.
    #expect(result.owed(debtor: "JP", creditor: "PH", .cash, "PHP") == 367_500)
    // Every applied event has an entry in each book; the order's has no postings.
    #expect(sink.entries.map(\.postings.count) == [0, 0, 2, 2])
    let ph = sink.entries.first { $0.book == "PH" && !$0.postings.isEmpty }!
    let jp = sink.entries.first { $0.book == "JP" && !$0.postings.isEmpty }!
    #expect(ph.postings.map(\.account.text) == ["receivable:cash", "provided:cash"])
    #expect(ph.postings.map(\.amount) == [367_500, -367_500])
    #expect(jp.postings.map(\.account.text) == ["payable:cash", "received:cash"])
    #expect(jp.postings.map(\.amount) == [-367_500, 367_500])
    let balanced = sink.entries.allSatisfy { $0.isBalanced }
    #expect(balanced)
    // Billed on delivery (billing: auto), due 30 days later.
    let o = result.book("PH")!.obligations[0]
    #expect(o.billedOn?.description == "2026-10-06")
    #expect(o.dueOn?.description == "2026-11-05")
    #expect(o.deadline.description == "2027-10-06")
    #expect(result.status(of: "O1", in: "JP") == .delivered)
  }

  @Test("pay settles the oldest delivery first, then creation order")
  func payOldestFirst() throws {
    let (result, _) = try World.run(
      """
      - { date: 2026-10-05, order: { id: O1, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 10 }, { item: BILLET, qty: 2 } ] } }
      - { date: 2026-10-06, deliver: { order: O1, lines: [ { item: BILLET, qty: 2 } ] } }
      - { date: 2026-10-07, deliver: { order: O1, lines: [ { item: MEAL, qty: 10 } ] } }
      - { date: 2026-10-08, pay: { order: O1, amount: "PHP 4000.00" } }
      """)
    // Billets PHP 3,000.00 (6 Oct) paid in full, then PHP 1,000.00 of the meals' 3,500.00.
    let book = result.book("JP")!
    #expect(book.obligations.map(\.openAmount) == [0, 250_000])
    #expect(book.obligations[0].settledOn?.description == "2026-10-08")
    #expect(result.owed(debtor: "JP", creditor: "PH", .cash, "PHP") == 250_000)
  }

  @Test("return: an equivalent item settles the original's in-kind obligation")
  func returnEquivalent() throws {
    let (result, sink) = try World.run(
      """
      - { date: 2026-10-05, order: { id: F1, activity: EX, provider: JPU, receiver: PHU, settlement: replacement, lines: [ { item: FUEL, qty: 1000 } ] } }
      - { date: 2026-10-06, deliver: { order: F1, lines: [ { item: FUEL, qty: 600 } ] } }
      - { date: 2026-10-07, deliver: { order: F1 } }
      - { date: 2026-10-20, id: r, return: { order: F1, lines: [ { item: FUEL-ALT, qty: 700 } ] } }
      - { date: 2026-10-20, expect: { outstanding: { debtor: PH, creditor: JP, in_kind: { item: FUEL, qty: 300 } } } }
      """)
    // 700 L of FUEL-ALT settle the 600 L of 6 Oct, then 100 of the 400 L of 7 Oct.
    #expect(result.failedExpectations.isEmpty, "\(result.failedExpectations)")
    let seq = sink.events.first { $0.eventID == "r" }?.seq
    let entry = try #require(sink.entries.first { $0.book == "JP" && $0.eventSeq == seq })
    #expect(entry.postings.filter { $0.account.text == "receivable:in_kind" }.map(\.amount) == [-600_000, -100_000])
    #expect(entry.isBalanced)
    // The 300 L left pass their deadline (7 Oct 2027) and become JPY 30,000 on 8 Oct 2027.
    let book = result.book("PH")!
    #expect(book.obligations.map(\.openQty.milli) == [0, 0, 0])
    #expect(book.obligations[1].convertedOn?.description == "2027-10-08")
    #expect(book.obligations[2].openAmount == 30_000)
  }

  @Test("exchange: the receiver's own price, converted at the day's rate, then convert the rest")
  func exchangeThenConvert() throws {
    let (result, _) = try World.run(
      """
      - { date: 2026-10-05, order: { id: A1, activity: EX, provider: PHU, receiver: JPU, settlement: equal_value, lines: [ { item: AIRLIFT, qty: 2 } ] } }
      - { date: 2026-10-06, deliver: { order: A1 } }
      - { date: 2026-10-11, exchange: { order: A1, lines: [ { item: AIRLIFT, qty: 1 } ] } }
      - { date: 2026-10-12, convert: { order: A1 } }
      """)
    // Owed: 2 x PHP 520,000.00 = PHP 1,040,000.00. Exchange: 1 x JPY 1,500,000 x 0.4 =
    // PHP 600,000.00. Left: PHP 440,000.00, converted into a cash claim on 12 Oct.
    #expect(result.owed(debtor: "JP", creditor: "PH", .equalValue, "PHP") == 0)
    #expect(result.owed(debtor: "JP", creditor: "PH", .cash, "PHP") == 44_000_000)
    let claim = result.book("JP")!.obligations.last!
    #expect(claim.kind == .cash)
    #expect(claim.deliveryDate.description == "2026-10-06")
    #expect(claim.deadline.description == "2027-10-06")
    #expect(claim.billedOn?.description == "2026-10-12")
    #expect(claim.dueOn?.description == "2026-11-11")
  }

  @Test("offset takes the oldest claims first, then order id as text; the other share is converted once")
  func offsetOldestFirst() throws {
    let (result, sink) = try World.run(
      """
      - { date: 2026-10-05, order: { id: J-B, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 500 } ] } }
      - { date: 2026-10-05, order: { id: J-A, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1000 } ] } }
      - { date: 2026-10-05, order: { id: J-0, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1 } ] } }
      - { date: 2026-10-05, order: { id: P-1, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 100 } ] } }
      - { date: 2026-10-06, deliver: { order: J-B } }
      - { date: 2026-10-06, deliver: { order: J-A } }
      - { date: 2026-10-07, deliver: { order: J-0 } }
      - { date: 2026-10-07, deliver: { order: P-1 } }
      - { date: 2026-10-20, id: off, offset: { amount: "JPY 60000" } }
      """)
    // JP's claims: J-B JPY 50,000 and J-A JPY 100,000 (both 6 Oct: J-A first as text),
    // J-0 JPY 100 (7 Oct). JPY 60,000 comes off J-A. PH's share: 60,000 x 0.4 = PHP
    // 24,000.00 off P-1's PHP 35,000.00.
    let open = Dictionary(uniqueKeysWithValues: result.book("JP")!.obligations.map { ($0.order, $0.openAmount) })
    #expect(open == ["J-A": 40_000, "J-B": 50_000, "J-0": 100, "P-1": 1_100_000])
    #expect(result.owed(debtor: "PH", creditor: "JP", .cash, "JPY") == 90_100)
    #expect(result.owed(debtor: "JP", creditor: "PH", .cash, "PHP") == 1_100_000)
    #expect(World.code(sink, "off") == nil)
  }

  @Test("claim: false keeps the debt but bills nothing until the claim is recorded")
  func unclaimed() throws {
    let (result, _) = try World.run(
      """
      - { date: 2026-10-05, order: { id: O1, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 10 } ] } }
      - { date: 2026-10-06, deliver: { order: O1, claim: false } }
      # Delivered 6 Oct; payment_days 30: the claim is late once it is still unrecorded
      # at the end of 5 Nov; the line is not invoiced once more than 30 days have passed.
      - { date: 2026-11-04, expect: { findings: { no_claim: 0, not_invoiced: 0 } } }
      - { date: 2026-11-05, expect: { findings: { no_claim: 1, not_invoiced: 0 } } }
      - { date: 2026-11-06, expect: { findings: { no_claim: 1, not_invoiced: 1 } } }
      - { date: 2026-12-01, claim: { order: O1 } }
      - { date: 2026-12-02, expect: { findings: { no_claim: 1, not_invoiced: 0, late_payment: 0 } } }
      """)
    let o = result.book("PH")!.obligations[0]
    #expect(result.owed(debtor: "JP", creditor: "PH", .cash, "PHP") == 350_000)
    #expect(o.claimedOn?.description == "2026-12-01")
    #expect(o.billedOn?.description == "2026-12-01")
    #expect(o.dueOn?.description == "2026-12-31")
    #expect(result.failedExpectations.isEmpty, "\(result.failedExpectations)")
  }

  @Test("billing: manual waits for an invoice; not_invoiced after payment_days")
  func manualBilling() throws {
    let (result, sink) = try World.run(
      agreement: "billing: manual",
      """
      - { date: 2026-10-05, order: { id: O1, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 10 } ] } }
      - { date: 2026-10-06, deliver: { order: O1 } }
      - { date: 2026-11-05, expect: { findings: { not_invoiced: 0 } } }
      - { date: 2026-11-06, expect: { findings: { not_invoiced: 1 } } }
      - { date: 2026-11-10, id: inv, invoice: { order: O1 } }
      - { date: 2026-11-11, id: inv2, invoice: { order: O1 } }
      """)
    #expect(result.failedExpectations.isEmpty, "\(result.failedExpectations)")
    #expect(World.code(sink, "inv") == nil)
    #expect(World.code(sink, "inv2") == "nothing_to_invoice")
    #expect(result.book("JP")!.obligations[0].dueOn?.description == "2026-12-10")
  }

  @Test("books: [PH] records in one book only; status and balances show the difference")
  func oneBook() throws {
    let (result, _) = try World.run(
      """
      - { date: 2026-10-05, order: { id: O1, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 10 } ] } }
      - { date: 2026-10-06, books: [PH], deliver: { order: O1 } }
      - { date: 2026-10-07, expect: { findings: { book_mismatch: 1 } } }
      """)
    #expect(result.owed(in: "PH", debtor: "JP", creditor: "PH", .cash, "PHP") == 350_000)
    #expect(result.owed(in: "JP", debtor: "JP", creditor: "PH", .cash, "PHP") == 0)
    #expect(result.status(of: "O1", in: "PH") == .delivered)
    #expect(result.status(of: "O1", in: "JP") == .accepted)
    #expect(result.failedExpectations.isEmpty, "\(result.failedExpectations)")
  }

  @Test("a book that missed a delivery records a later payment as unapplied credit")
  func unappliedPayment() throws {
    let (result, _) = try World.run(
      """
      - { date: 2026-10-05, order: { id: O1, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 10 } ] } }
      - { date: 2026-10-06, books: [PH], deliver: { order: O1 } }
      - { date: 2026-10-08, pay: { order: O1, amount: "PHP 3500.00" } }
      """)
    #expect(result.owed(in: "PH", debtor: "JP", creditor: "PH", .cash, "PHP") == 0)
    #expect(result.owed(in: "JP", debtor: "JP", creditor: "PH", .cash, "PHP") == -350_000)
  }

  @Test("statuses: requested, accepted, delivered, settled, cancelled, closed, unrecorded")
  func statuses() throws {
    let (result, sink) = try World.run(
      """
      - { date: 2026-10-05, order: { id: U, activity: EX, provider: PHU, receiver: JPU, settlement: cash, signed: false, lines: [ { item: MEAL, qty: 1 } ] } }
      - { date: 2026-10-05, order: { id: S, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 1 } ] } }
      - { date: 2026-10-05, order: { id: C, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 1 } ] } }
      - { date: 2026-10-05, order: { id: K, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 1 } ] } }
      - { date: 2026-10-05, order: { id: A, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 1 } ] } }
      - { date: 2026-10-05, books: [JP], order: { id: R, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 1 } ] } }
      - { date: 2026-10-06, deliver: { order: S } }
      - { date: 2026-10-06, pay: { order: S, amount: "PHP 350.00" } }
      - { date: 2026-10-06, cancel: { order: C } }
      - { date: 2026-10-06, deliver: { order: K } }
      - { date: 2026-10-07, id: k, close: { order: K } }
      - { date: 2026-10-07, deliver: { order: U } }
      - { date: 2026-10-08, expect: { findings: { unsigned_order: 1, closed_with_balance: 1 } } }
      """)
    #expect(World.code(sink, "k") == nil)
    #expect(result.status(of: "U", in: "JP") == .delivered)
    #expect(result.status(of: "S", in: "JP") == .settled)
    #expect(result.status(of: "C", in: "PH") == .cancelled)
    #expect(result.status(of: "K", in: "PH") == .closed)
    #expect(result.status(of: "A", in: "PH") == .accepted)
    #expect(result.status(of: "R", in: "JP") == .accepted)
    #expect(result.status(of: "R", in: "PH") == .unrecorded)
    #expect(result.failedExpectations.isEmpty, "\(result.failedExpectations)")
  }

  @Test("an unsigned order is requested until signed")
  func requested() throws {
    let (result, _) = try World.run(
      """
      - { date: 2026-10-05, order: { id: U, activity: EX, provider: PHU, receiver: JPU, settlement: cash, signed: false, lines: [ { item: MEAL, qty: 1 } ] } }
      - { date: 2026-10-05, expect: { order: U, status: requested } }
      - { date: 2026-10-06, sign: { order: U } }
      - { date: 2026-10-06, expect: { order: U, status: accepted } }
      """)
    #expect(result.failedExpectations.isEmpty, "\(result.failedExpectations)")
    #expect(result.expectations.count == 2)
  }

  @Test("a failed expectation is reported with each book's actual value")
  func failedExpectation() throws {
    let (result, _) = try World.run(
      """
      - { date: 2026-10-05, order: { id: O1, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 10 } ] } }
      - { date: 2026-10-06, deliver: { order: O1 } }
      - { date: 2026-10-06, expect: { outstanding: { debtor: JP, creditor: PH, cash: "PHP 3000.00" } } }
      """)
    let failed = try #require(result.failedExpectations.first)
    #expect(failed.expected == "PHP 3000.00")
    #expect(failed.actualSummary == "JP book: PHP 3500.00; PH book: PHP 3500.00")
  }
}
