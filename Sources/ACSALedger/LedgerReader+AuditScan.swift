import ACSADomain
import GRDB

/// What one payment, return, exchange or offset took off one obligation, on a date (a
/// settlement posting, as `LedgerReader.settlements(asOf:)` returns it).
public struct SettlementPosting: Sendable {
  /// The book, by its position in the parties given to the scan.
  public let book: Int
  public let date: Day
  public let obligation: Int
  public let units: Int64
}

/// One pass over every posting, for `acsa audit`: what its quick checks need (whether
/// every entry balances, the range of entry numbers, each book's open balances) and the
/// settlements up to the audit date, each judged as the checks' SQL would judge it.
public struct JournalScan: Sendable {
  /// False when a posting is not as the writer stores them (a book that is not a party,
  /// a value of an unexpected type, a sum beyond 64 bits): the audit then reads the
  /// ledger the slow way, whose queries say what is wrong.
  public internal(set) var decided = true
  /// False when an entry's postings are not together, or its sums overflow: whether
  /// every entry balances is then left to the SQL check.
  public internal(set) var balanceDecided = true
  /// Some entry does not balance per kind and commodity.
  public internal(set) var unbalanced = false
  /// Per book present in the postings: its lowest and highest entry numbers.
  public internal(set) var entryRanges: [PartyID: ClosedRange<Int64>] = [:]
  /// Per book: what each debtor owes each creditor by kind and commodity, from the
  /// receivable and payable postings (as totals: no order), non-zero.
  public internal(set) var totals: [PartyID: [BalanceLine: Int64]] = [:]
  /// Settlement postings dated up to the audit date.
  public internal(set) var settlements: [SettlementPosting] = []
}

extension LedgerReader {
  /// Reads every posting once (see `JournalScan`). `parties` are the ledger's parties,
  /// in order: `SettlementPosting.book` is a position in it.
  public func scanJournal(parties: [PartyID], asOf: Day) throws -> JournalScan {
    try queue.read { db in try Self.scanJournal(db, parties: parties, asOf: asOf) }
  }

  static func scanJournal(_ db: Database, parties: [PartyID], asOf: Day) throws -> JournalScan {
    var scan = JournalScan()
    // The columns, written once; their positions found once for the whole scan.
    let columns = ColumnList(["book", "entry_no", "account", "kind", "commodity", "amount", "date", "obligation_id"])
    let statement = try RawStatement(db, sql: "SELECT \(columns) FROM postings")
    let (bookAt, entryAt, accountAt, kindAt, commodityAt, amountAt, dateAt, obligationAt) = (
      columns.at("book"), columns.at("entry_no"), columns.at("account"), columns.at("kind"), columns.at("commodity"),
      columns.at("amount"), columns.at("date"), columns.at("obligation_id")
    )
    let books = ByteTable(parties)
    var kinds = ByteTable(ObligationKind.allCases.map(\.rawValue))
    var commodities = ByteTable()
    var dates = DayColumn()
    let asOfText = Array(asOf.description.utf8)
    enum AccountClass { case receivable, payable, settlement, other }
    let receivablePrefix = Array(Account.receivablePrefix.utf8)
    let payablePrefix = Array(Account.payablePrefix.utf8)
    func prefix(_ m: Movement) -> [UInt8] { Array((m.rawValue + ":").utf8) }
    let paymentPrefix = prefix(.payment)
    let returnPrefix = prefix(.return)
    let exchangePrefix = prefix(.exchange)
    let offsetPrefix = prefix(.offset)
    /// What `account LIKE 'receivable:%'` and the like say of an account.
    func accountClass(_ account: UnsafeRawBufferPointer) -> AccountClass {
      guard let first = account.first else { return .other }
      switch first | 0x20 {
      case UInt8(ascii: "r"):
        if hasPrefixIgnoringCase(account, receivablePrefix) { return .receivable }
        return hasPrefixIgnoringCase(account, returnPrefix) ? .settlement : .other
      case UInt8(ascii: "p"):
        if hasPrefixIgnoringCase(account, payablePrefix) { return .payable }
        return hasPrefixIgnoringCase(account, paymentPrefix) ? .settlement : .other
      case UInt8(ascii: "e"): return hasPrefixIgnoringCase(account, exchangePrefix) ? .settlement : .other
      case UInt8(ascii: "o"): return hasPrefixIgnoringCase(account, offsetPrefix) ? .settlement : .other
      default: return .other
      }
    }
    // The entry being read: its book and number, and its sums per kind and commodity.
    var runBook = -1
    var runEntry: Int64 = 0
    var runSums: [(kind: Int, commodity: Int, sum: Int64)] = []
    var lastEntry = [Int64](repeating: .min, count: parties.count)
    var lowest = [Int64](repeating: .max, count: parties.count)
    var highest = [Int64](repeating: .min, count: parties.count)
    // Receivable and payable sums per book, kind and commodity: few, so a list.
    var totals: [(book: Int, receivable: Bool, kind: Int, commodity: Int, sum: Int64)] = []
    var lastTotal = 0

    func closeRun() {
      for s in runSums where s.sum != 0 { scan.unbalanced = true }
      runSums.removeAll(keepingCapacity: true)
    }

    while try statement.step() {
      guard let book = books.known(statement.text(bookAt)), let entry = statement.integer(entryAt), let amount = statement.integer(amountAt)
      else {
        scan.decided = false
        break
      }
      let kind = kinds.number(statement.text(kindAt))
      let commodity = commodities.number(statement.text(commodityAt))
      let account = accountClass(statement.text(accountAt))
      // Entries: each one's postings together, numbers rising in each book.
      if book != runBook || entry != runEntry {
        closeRun()
        if entry <= lastEntry[book] { scan.balanceDecided = false }
        lastEntry[book] = entry
        runBook = book
        runEntry = entry
      }
      if let i = runSums.firstIndex(where: { $0.kind == kind && $0.commodity == commodity }) {
        let (sum, overflow) = runSums[i].sum.addingReportingOverflow(amount)
        if overflow { scan.balanceDecided = false }
        runSums[i].sum = sum
      } else {
        runSums.append((kind, commodity, amount))
      }
      lowest[book] = min(lowest[book], entry)
      highest[book] = max(highest[book], entry)
      switch account {
      case .receivable, .payable:
        guard amount != .min else {
          scan.decided = false
          break
        }
        let receivable = account == .receivable
        func matches(_ t: (book: Int, receivable: Bool, kind: Int, commodity: Int, sum: Int64)) -> Bool {
          t.book == book && t.receivable == receivable && t.kind == kind && t.commodity == commodity
        }
        if lastTotal >= totals.count || !matches(totals[lastTotal]) {
          if let i = totals.firstIndex(where: matches) {
            lastTotal = i
          } else {
            totals.append((book, receivable, kind, commodity, 0))
            lastTotal = totals.count - 1
          }
        }
        let (sum, overflow) = totals[lastTotal].sum.addingReportingOverflow(receivable ? amount : -amount)
        if overflow { scan.decided = false }
        totals[lastTotal].sum = sum
      case .settlement:
        if statement.isNull(obligationAt) { break }
        guard statement.isInteger(obligationAt), amount != .min else {
          scan.decided = false
          break
        }
        let date = statement.text(dateAt)
        if textLessOrEqual(date, asOfText) {
          scan.settlements.append(
            SettlementPosting(book: book, date: dates.day(date), obligation: Int(statement.int64(obligationAt)), units: abs(amount)))
        }
      case .other:
        break
      }
      if !scan.decided { break }
    }
    closeRun()
    for (i, party) in parties.enumerated() where lowest[i] <= highest[i] {
      scan.entryRanges[party] = lowest[i]...highest[i]
    }
    for key in totals where key.sum != 0 {
      let units = key.sum
      let book = parties[key.book]
      // Two parties: the other one is the debtor of a receivable, the creditor of a payable.
      for other in parties where other != book {
        let debtor = key.receivable ? other : book
        let creditor = key.receivable ? book : other
        let line = BalanceLine(
          order: nil, debtor: debtor, creditor: creditor, kind: kinds.strings[key.kind], commodity: commodities.strings[key.commodity])
        scan.totals[book, default: [:]][line] = units
      }
    }
    return scan
  }
}

/// One obligation as `scanObligations` reads it: what the audit's aging and fiscal years
/// need of every obligation. Strings are shared by every row with the same value.
public struct ObligationFacts {
  /// The book, by its position in the parties given to the scan.
  public var book = 0
  public var id = 0
  public var kind = ObligationKind.cash
  public var debtor: PartyID = ""
  public var creditor: PartyID = ""
  public var item = ""
  public var currency = Currency.jpy
  public var deliveryDate = Day(ordinal: 0)
  public var createdOn = Day(ordinal: 0)
  public var settledOn: Day?
  public var convertedOn: Day?
  /// The amount when created (cash, equal value) or the value of the quantity (in kind).
  public var originalAmount: Int64 = 0
  /// Minor units (cash, equal value) or thousandths (in kind), as `Obligation.originalUnits`.
  public var originalUnits: Int64 = 0
  public var convertedFrom: Int?
  /// Whether its order is one of those the scan was given (`orders`).
  public var inOrders = false

  /// Whether anything was still owed at the end of `day` (`Obligation.owed(at:)`).
  public func owed(at day: Day) -> Bool {
    createdOn <= day && (convertedOn.map { $0 > day } ?? true) && (settledOn.map { $0 > day } ?? true)
  }
}

extension LedgerReader {
  /// The books present in the snapshots (with orders or entries), in party order: the
  /// books `snapshotBooks` restores.
  public func snapshotBookIDs() throws -> [PartyID] {
    try queue.read { db in try Self.presentBooks(db) }
  }

  /// The orders that can have a finding at some date (`LedgerSchema.Candidates`), in any
  /// book, and with two books those whose records may differ between them; nil for a
  /// ledger written before `differing_orders` existed, when two books are compared.
  /// `everyDelivered`: with `required_order_fields`, any delivered order can lack one.
  public func findingCandidates(paymentDays: Int, claimDays: Int, comparesBooks: Bool, everyDelivered: Bool = false) throws
    -> Set<String>?
  {
    try queue.read { db in
      if comparesBooks, try !db.tableExists("differing_orders") { return nil }
      var ids = Set<String>()
      var queries = [
        "SELECT DISTINCT order_id FROM obligations WHERE \(LedgerSchema.Candidates.obligations(paymentDays: paymentDays, claimDays: claimDays))",
        "SELECT DISTINCT order_id FROM deliveries WHERE \(LedgerSchema.Candidates.deliveries)",
        "SELECT order_id FROM orders WHERE \(LedgerSchema.Candidates.orders)",
      ]
      if comparesBooks { queries.append("SELECT order_id FROM differing_orders") }
      if everyDelivered { queries.append("SELECT DISTINCT order_id FROM deliveries") }
      for sql in queries { ids.formUnion(try String.fetchAll(db, sql: sql)) }
      return ids
    }
  }

  /// The orders listed as recorded differently in the two books (`differing_orders`),
  /// or nil for a ledger written before the list existed.
  public func differingOrders() throws -> Set<String>? {
    try queue.read { db in
      guard try db.tableExists("differing_orders") else { return nil }
      return Set(try String.fetchAll(db, sql: "SELECT order_id FROM differing_orders"))
    }
  }

  /// Reads every obligation of the given books once, in each book's creation order, as
  /// `snapshotBooks` restores them (each saying whether its order is in `orders`). Returns false,
  /// having stopped, when a
  /// row is not as the writer stores them (an unknown kind or currency, ids that are not
  /// 0, 1, 2... in each book, values of unexpected types): the audit then reads the
  /// ledger the slow way.
  public func scanObligations(
    parties: [PartyID], books: [PartyID], orders: Set<String> = [], _ visit: (ObligationFacts) -> Void
  ) throws -> Bool {
    let withOrders = !orders.isEmpty
    return try queue.read { db in
      // The columns, written once; their positions found once for the whole scan.
      let columns = ColumnList(
        [
          "book", "obligation_id", "kind", "debtor", "creditor", "item", "value_currency", "delivery_date", "created_on", "settled_on",
          "converted_on", "value", "original", "converted_from",
        ] + (withOrders ? ["order_id"] : []))
      let statement = try RawStatement(db, sql: "SELECT \(columns) FROM obligations")
      let at = ObligationScanAt(columns, withOrders: withOrders)
      let partyTable = ByteTable(parties)
      let present = parties.map { books.contains($0) }
      var kinds = ByteTable(ObligationKind.allCases.map(\.rawValue))
      let kindValues = ObligationKind.allCases
      var debtors = ByteTable(parties)
      var creditors = ByteTable(parties)
      var items = ByteTable()
      var currencies = ByteTable()
      var currencyValues: [Currency?] = []
      var deliveryDates = DayColumn()
      var createdDates = DayColumn()
      var settledDates = DayColumn()
      var convertedDates = DayColumn()
      var next = [Int](repeating: 0, count: parties.count)
      var facts = ObligationFacts()
      while try statement.step() {
        guard let book = partyTable.known(statement.text(at.book)) else { return false }
        guard present[book] else { continue }
        guard statement.isInteger(at.obligationId), statement.isInteger(at.value), statement.isInteger(at.original),
          statement.int64(at.obligationId) == next[book]
        else {
          return false
        }
        next[book] += 1
        let kind = kinds.number(statement.text(at.kind))
        guard kind < kindValues.count else { return false }
        let currency = currencies.number(statement.text(at.valueCurrency))
        if currency == currencyValues.count { currencyValues.append(Currency(code: currencies.strings[currency])) }
        guard let c = currencyValues[currency] else { return false }
        facts.book = book
        facts.id = next[book] - 1
        facts.kind = kindValues[kind]
        let debtor = debtors.number(statement.text(at.debtor))
        let creditor = creditors.number(statement.text(at.creditor))
        let item = items.number(statement.text(at.item))
        facts.debtor = debtors.strings[debtor]
        facts.creditor = creditors.strings[creditor]
        facts.item = items.strings[item]
        facts.currency = c
        facts.deliveryDate = deliveryDates.day(statement.text(at.deliveryDate))
        facts.createdOn = createdDates.day(statement.text(at.createdOn))
        facts.settledOn = statement.isNull(at.settledOn) ? nil : settledDates.day(statement.text(at.settledOn))
        facts.convertedOn = statement.isNull(at.convertedOn) ? nil : convertedDates.day(statement.text(at.convertedOn))
        facts.originalAmount = statement.int64(at.value)
        facts.originalUnits = facts.kind == .inKind ? statement.int64(at.original) : facts.originalAmount
        if statement.isNull(at.convertedFrom) {
          facts.convertedFrom = nil
        } else if statement.isInteger(at.convertedFrom) {
          facts.convertedFrom = Int(statement.int64(at.convertedFrom))
        } else {
          return false
        }
        if withOrders { facts.inOrders = orders.contains(String(decoding: statement.text(at.orderId), as: UTF8.self)) }
        visit(facts)
      }
      return true
    }
  }
}

/// Positions in the obligation scan's columns, found once.
struct ObligationScanAt {
  let book, obligationId, kind, debtor, creditor, item, valueCurrency, deliveryDate, createdOn, settledOn, convertedOn, value, original,
    convertedFrom, orderId: Int32

  init(_ c: ColumnList, withOrders: Bool) {
    book = c.at("book")
    obligationId = c.at("obligation_id")
    kind = c.at("kind")
    debtor = c.at("debtor")
    creditor = c.at("creditor")
    item = c.at("item")
    valueCurrency = c.at("value_currency")
    deliveryDate = c.at("delivery_date")
    createdOn = c.at("created_on")
    settledOn = c.at("settled_on")
    convertedOn = c.at("converted_on")
    value = c.at("value")
    original = c.at("original")
    convertedFrom = c.at("converted_from")
    orderId = withOrders ? c.at("order_id") : -1
  }
}
