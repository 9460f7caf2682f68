import ACSADomain

/// The keys of every mapping of the format, in one place: the reader allows exactly
/// these (`NodeReader.mapping`), and the JSON Schema (`ScenarioSchema`) lists them.
enum ScenarioKeys {
  static let top = ["scenario", "agreement", "parties", "units", "activities", "catalog", "rates", "events", "generators"]
  static let requiredTop = ["scenario", "agreement", "parties", "units", "catalog", "events"]
  static let header = ["name", "description", "start", "end", "seed", "format"]
  static let agreement = [
    "id", "signed", "in_force", "tax_exempt", "settlement_days", "settlement_months", "payment_days", "claim_days", "billing",
    "deadline_policy", "offset", "payment_currency", "activities", "categories", "category_activities", "term_years", "terminated",
    "required_order_fields",
  ]
  static let party = ["name", "currency", "fiscal_year_start", "signatories"]
  static let signatory = ["id", "name", "limit"]
  static let unit = ["id", "party", "name"]
  static let activity = ["id", "type", "start", "end", "name", "determination"]
  static let item = ["id", "name", "category", "kind", "unit", "equivalent_to", "prices"]
  static let price = ["party", "from", "price"]
  static let rate = ["date", "base", "quote", "rate", "source"]

  static let actions = [
    "order", "sign", "cancel", "deliver", "claim", "invoice", "pay", "return", "exchange", "convert", "offset", "close",
    "transfer", "expect",
  ]
  static let event = ["date", "id", "books"] + actions
  static let order = [
    "id", "activity", "provider", "receiver", "settlement", "lines", "signed", "signed_by", "place", "requested_date", "contacts",
    "documents",
  ]
  /// `sign`.
  static let sign = ["order", "signed_by"]
  static let line = ["item", "qty"]
  /// `sign`, `cancel`, `claim`, `invoice`, `convert`, `close`.
  static let orderOnly = ["order"]
  static let deliver = ["order", "lines", "receipt", "claim"]
  static let pay = ["order", "amount"]
  /// `return`, `exchange`.
  static let settlement = ["order", "lines"]
  static let offset = ["amount"]
  static let transfer = ["order", "lines", "to", "consent"]
  static let outstanding = ["debtor", "creditor", "cash", "equal_value", "in_kind"]

  static let generator = ["name", "every", "from", "to", "count", "order", "deliver_after", "settle_after", "lapses"]
  static let generatedOrder = ["activity", "provider", "receiver", "settlement", "lines"]
  static let draw = ["uniform", "poisson"]
  static let lapses = ["no_receipt", "no_claim", "never_settle", "one_book"]
}
