/// One of the two parties to the agreement, by its key in the scenario (`JP`, `PH`).
public typealias PartyID = String

public struct Party: Hashable, Sendable {
  public let id: PartyID
  public let name: String
  public let currency: Currency
  public let fiscalYearStart: MonthDay

  public init(id: PartyID, name: String, currency: Currency, fiscalYearStart: MonthDay) {
    self.id = id
    self.name = name
    self.currency = currency
    self.fiscalYearStart = fiscalYearStart
  }
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

  public init(id: String, type: ActivityType, start: Day?, end: Day?, name: String? = nil) {
    self.id = id
    self.type = type
    self.start = start
    self.end = end
    self.name = name
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

public struct Agreement: Sendable {
  public let id: String
  public let signed: Day?
  public let inForce: Day
  public let taxExempt: Bool
  public let settlementDays: Int
  public let paymentDays: Int
  public let billing: BillingMode
  public let deadlinePolicy: DeadlinePolicy
  public let offsetAllowed: Bool
  public let activities: Set<ActivityType>
  public let categories: Set<Category>

  public init(
    id: String, signed: Day?, inForce: Day, taxExempt: Bool = true, settlementDays: Int = 365,
    paymentDays: Int = 30, billing: BillingMode = .auto, deadlinePolicy: DeadlinePolicy = .convert,
    offsetAllowed: Bool = true, activities: Set<ActivityType>, categories: Set<Category>
  ) {
    self.id = id
    self.signed = signed
    self.inForce = inForce
    self.taxExempt = taxExempt
    self.settlementDays = settlementDays
    self.paymentDays = paymentDays
    self.billing = billing
    self.deadlinePolicy = deadlinePolicy
    self.offsetAllowed = offsetAllowed
    self.activities = activities
    self.categories = categories
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
