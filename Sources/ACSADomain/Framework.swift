/// One of the two parties to the agreement, by its key in the scenario (`JP`, `PH`).
public typealias PartyID = String

public struct Party: Hashable, Sendable {
  public let id: PartyID
  public let name: String
  public let currency: Currency
  public let fiscalYearStart: MonthDay
  /// The officials who may sign orders for this party.
  public let signatories: [Signatory]

  public init(id: PartyID, name: String, currency: Currency, fiscalYearStart: MonthDay, signatories: [Signatory] = []) {
    self.id = id
    self.name = name
    self.currency = currency
    self.fiscalYearStart = fiscalYearStart
    self.signatories = signatories
  }

  public func signatory(_ id: String) -> Signatory? { signatories.first { $0.id == id } }
}

public struct MilitaryUnit: Hashable, Sendable {
  public let id: String
  public let party: PartyID
  public let name: String

  public init(id: String, party: PartyID, name: String) {
    self.id = id
    self.party = party
    self.name = name
  }

  /// The name with its party: `PMC Marine Battalion Landing Team 4 (PH)`, or, for a name
  /// that ends in its own parentheses, `JS Takanami (DD-110), JP`.
  public var label: String { name.hasSuffix(")") ? "\(name), \(party)" : "\(name) (\(party))" }
}

public enum ActivityType: String, CaseIterable, Sendable {
  case training, pko, hadr, evacuation, routine, other
}

public struct Activity: Hashable, Sendable {
  public let id: String
  public let type: ActivityType
  public let start: Day?
  public let end: Day?
  public let name: String?
  /// For an activity of type `other`: the reference of both governments' decision.
  public let determination: String?

  public init(id: String, type: ActivityType, start: Day?, end: Day?, name: String? = nil, determination: String? = nil) {
    self.id = id
    self.type = type
    self.start = start
    self.end = end
    self.name = name
    self.determination = determination
  }

  public func contains(_ day: Day) -> Bool {
    if let start, day < start { return false }
    if let end, day > end { return false }
    return true
  }
}

/// The 16 categories of the agreement's annex, and `weapons`, which no agreement covers.
public enum Category: String, CaseIterable, Sendable, Comparable {
  case food, water, billeting, transportation, fuel, clothing, communications, medical
  case baseSupport = "base_support"
  case storage, facilities
  case trainingServices = "training_services"
  case spareParts = "spare_parts"
  case maintenance
  case portServices = "port_services"
  case ammunition, weapons

  public static func < (a: Category, b: Category) -> Bool { a.rawValue < b.rawValue }
}

public enum ItemKind: String, Sendable {
  case supply, service
}

public struct Price: Hashable, Sendable {
  public let party: PartyID
  public let from: Day
  public let price: Money

  public init(party: PartyID, from: Day, price: Money) {
    self.party = party
    self.from = from
    self.price = price
  }
}

public struct Item: Hashable, Sendable {
  public let id: String
  public let name: String?
  public let category: Category
  public let kind: ItemKind
  public let unit: String
  public let equivalentTo: String?
  public let prices: [Price]

  public init(
    id: String, name: String?, category: Category, kind: ItemKind, unit: String,
    equivalentTo: String?, prices: [Price]
  ) {
    self.id = id
    self.name = name
    self.category = category
    self.kind = kind
    self.unit = unit
    self.equivalentTo = equivalentTo
    self.prices = prices.sorted { $0.from < $1.from }
  }

  /// The party's own-force price in force on `day`: the latest `from` on or before it.
  public func price(for party: PartyID, on day: Day) -> Money? {
    prices.last { $0.party == party && $0.from <= day }?.price
  }
}

public enum SettlementMethod: String, CaseIterable, Sendable {
  case cash, replacement
  case equalValue = "equal_value"

  /// Supplies settle by cash or replacement; services by cash or equal value.
  public func suits(_ kind: ItemKind) -> Bool {
    switch (self, kind) {
    case (.cash, _), (.replacement, .supply), (.equalValue, .service): return true
    default: return false
    }
  }
}

public enum BillingMode: String, Sendable { case auto, manual }
public enum DeadlinePolicy: String, Sendable { case convert, flag }

/// The version of the scenario format a file is read as: `scenario.format`, or 1.3 for a
/// file without it (which keeps its 1.3 meaning and its `ledger_digest`).
public enum FormatVersion: String, CaseIterable, Sendable, Comparable {
  case v1_3 = "1.3"
  case v1_4 = "1.4"

  public static func < (a: FormatVersion, b: FormatVersion) -> Bool { a.rawValue < b.rawValue }

  /// The default period for settling a provision: 365 days in 1.3, 12 calendar months in 1.4.
  var defaultSettlement: SettlementPeriod { self == .v1_3 ? .days(365) : .months(12) }
  /// The default deadline policy: `convert` in 1.3, `flag` in 1.4.
  var defaultDeadlinePolicy: DeadlinePolicy { self == .v1_3 ? .convert : .flag }
}

/// How long a provision may stay unsettled: a day count (`settlement_days`) or calendar
/// months (`settlement_months`), the sources' "within 12 months of delivery".
public enum SettlementPeriod: Hashable, Sendable, CustomStringConvertible {
  case days(Int)
  case months(Int)

  /// The last day on which a delivery of `day` may be settled: `day` plus the days, or the
  /// same day of the month that many months later, clamped to the month's last day.
  public func deadline(forDeliveryOn day: Day) -> Day {
    switch self {
    case .days(let n): return day.adding(days: n)
    case .months(let n): return day.adding(months: n) ?? day.adding(days: n * 31)
    }
  }

  /// The day count, for `settlement_days`.
  public var days: Int? { if case .days(let n) = self { n } else { nil } }
  /// The month count, for `settlement_months`.
  public var months: Int? { if case .months(let n) = self { n } else { nil } }

  /// `365 days`, `12 calendar months`.
  public var description: String {
    switch self {
    case .days(let n): return n == 1 ? "1 day" : "\(n) days"
    case .months(let n): return n == 1 ? "1 calendar month" : "\(n) calendar months"
    }
  }

  /// The scenario key that sets it.
  public var key: String {
    switch self {
    case .days: "settlement_days"
    case .months: "settlement_months"
    }
  }

  /// The count the key gives.
  public var count: Int {
    switch self {
    case .days(let n), .months(let n): n
    }
  }

  /// The scenario key that sets it and its value: `settlement_days: 365`.
  public var setting: String { "\(key): \(count)" }

  /// The same in a sentence: `settlement_days is 365`.
  public var settingInWords: String { "\(key) is \(count)" }

  /// Whether it is the sources' 12 months (365 days, or 12 calendar months).
  public var isTwelveMonths: Bool { self == .days(365) || self == .months(12) }

  /// The period in words: `12 months` for the sources' 12 months, otherwise `180 days`,
  /// `6 calendar months`.
  public var inWords: String { isTwelveMonths ? "12 months" : description }

  /// The deadline in words, for a reader: `the 12-month deadline` for 12 months or 365
  /// days (the sources' 12 months), otherwise `the 90-day deadline`, `the 6-month deadline`.
  public var name: String {
    if isTwelveMonths { return "12-month deadline" }
    return switch self {
    case .days(let n): "\(n)-day deadline"
    case .months(let n): "\(n)-month deadline"
    }
  }
}

/// The currency in which a receiver may pay a cash claim (`agreement.payment_currency`).
public enum PaymentCurrency: String, Sendable {
  /// Only the provider's (the 1.3 rule, and the default).
  case provider
  /// The provider's or the receiver's, converted at the payment date's rate.
  case either
}

/// The data an order may be required to record (`agreement.required_order_fields`).
public enum OrderField: String, CaseIterable, Sendable, Comparable {
  case place
  case requestedDate = "requested_date"
  case contacts, documents
  case signedBy = "signed_by"

  public static func < (a: OrderField, b: OrderField) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// An official of a party who may sign orders, up to a limit.
public struct Signatory: Hashable, Sendable {
  public let id: String
  public let name: String
  /// In the party's currency; nil: no limit.
  public let limit: Money?

  public init(id: String, name: String, limit: Money?) {
    self.id = id
    self.name = name
    self.limit = limit
  }
}

public struct Agreement: Sendable {
  public let id: String
  public let signed: Day?
  public let inForce: Day
  public let taxExempt: Bool
  /// The format version the scenario was read as.
  public let format: FormatVersion
  public let settlement: SettlementPeriod
  public let paymentDays: Int
  /// Days after delivery within which the provider should record its claim (`no_claim`).
  public let claimDays: Int
  public let billing: BillingMode
  public let deadlinePolicy: DeadlinePolicy
  public let offsetAllowed: Bool
  public let paymentCurrency: PaymentCurrency
  public let activities: Set<ActivityType>
  public let categories: Set<Category>
  /// Categories covered only for orders made for these activity types.
  public let categoryActivities: [Category: Set<ActivityType>]
  /// The agreement's term from `inForce`, in years (nil: no end).
  public let termYears: Int?
  /// The day from which no order may be placed (nil: not terminated).
  public let terminated: Day?
  /// What every delivered order must record (`incomplete_order` otherwise).
  public let requiredOrderFields: [OrderField]

  public init(
    id: String, signed: Day?, inForce: Day, taxExempt: Bool = true, format: FormatVersion = .v1_3, settlement: SettlementPeriod? = nil,
    paymentDays: Int = 30, claimDays: Int? = nil, billing: BillingMode = .auto, deadlinePolicy: DeadlinePolicy? = nil,
    offsetAllowed: Bool = true, paymentCurrency: PaymentCurrency = .provider, activities: Set<ActivityType>, categories: Set<Category>,
    categoryActivities: [Category: Set<ActivityType>] = [:], termYears: Int? = nil, terminated: Day? = nil,
    requiredOrderFields: [OrderField] = []
  ) {
    self.id = id
    self.signed = signed
    self.inForce = inForce
    self.taxExempt = taxExempt
    self.format = format
    self.settlement = settlement ?? format.defaultSettlement
    self.paymentDays = paymentDays
    self.claimDays = claimDays ?? paymentDays
    self.billing = billing
    self.deadlinePolicy = deadlinePolicy ?? format.defaultDeadlinePolicy
    self.offsetAllowed = offsetAllowed
    self.paymentCurrency = paymentCurrency
    self.activities = activities
    self.categories = categories
    self.categoryActivities = categoryActivities
    self.termYears = termYears
    self.terminated = terminated
    self.requiredOrderFields = requiredOrderFields
  }

  /// The deadline of a delivery made on `day`.
  public func deadline(forDeliveryOn day: Day) -> Day { settlement.deadline(forDeliveryOn: day) }

  /// The last day on which an order may be placed under the term (nil: no end): the day
  /// before the term's anniversary of `inForce`.
  public var termEnd: Day? {
    guard let termYears, let end = inForce.adding(months: termYears * 12) else { return nil }
    return end.adding(days: -1)
  }
}

/// Everything an event is judged against: the agreement, the two parties and their
/// units, the activities, the catalog and the exchange rates.
public struct Framework: Sendable {
  /// Shared, immutable storage: every book holds the framework, and copying a book
  /// copies one reference instead of every table.
  final class Storage: Sendable {
    let agreement: Agreement
    let parties: [Party]
    let partyIDs: [PartyID]
    let partyCurrencies: [Currency]
    let units: [String: MilitaryUnit]
    let activities: [String: Activity]
    let items: [String: Item]
    let rates: RateTable
    let rateList: [ExchangeRate]

    init(
      agreement: Agreement, parties: [Party], units: [String: MilitaryUnit], activities: [String: Activity], items: [String: Item],
      rates: RateTable, rateList: [ExchangeRate]
    ) {
      self.agreement = agreement
      self.parties = parties
      self.partyIDs = parties.map(\.id)
      self.partyCurrencies = parties.map(\.currency)
      self.units = units
      self.activities = activities
      self.items = items
      self.rates = rates
      self.rateList = rateList
    }
  }

  private let storage: Storage

  public var agreement: Agreement { storage.agreement }
  /// Exactly two, in the order the scenario lists them.
  public var parties: [Party] { storage.parties }
  public var units: [String: MilitaryUnit] { storage.units }
  public var activities: [String: Activity] { storage.activities }
  public var items: [String: Item] { storage.items }
  public var rates: RateTable { storage.rates }
  public var rateList: [ExchangeRate] { storage.rateList }

  public init(
    agreement: Agreement, parties: [Party], units: [MilitaryUnit], activities: [Activity],
    items: [Item], rates: [ExchangeRate]
  ) {
    precondition(parties.count == 2, "an agreement has exactly two parties")
    storage = Storage(
      agreement: agreement, parties: parties,
      units: Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
      activities: Dictionary(activities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
      items: Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
      rates: RateTable(rates), rateList: rates)
  }

  public var partyIDs: [PartyID] { storage.partyIDs }

  public func party(_ id: PartyID) -> Party {
    parties.first { $0.id == id } ?? parties[0]
  }

  public func other(_ id: PartyID) -> PartyID {
    parties[0].id == id ? parties[1].id : parties[0].id
  }

  /// A party's currency (looked up without copying the party: the engine asks often).
  public func currency(of party: PartyID) -> Currency {
    let ids = storage.partyIDs
    return ids[0] == party || ids[1] != party ? storage.partyCurrencies[0] : storage.partyCurrencies[1]
  }
}
