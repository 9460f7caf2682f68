import ACSADomain

/// One cell of an export table. CSV writes every cell as text (amounts as decimals in
/// the currency's minor digits, quantities as decimals, flags as yes/no, nothing as an
/// empty field); JSON writes it as a typed value (amounts and quantities as objects
/// with their integer units, nothing as null).
public enum ExportCell: Hashable, Sendable {
  case text(String?)
  case integer(Int?)
  case flag(Bool)
  /// Minor units of `currency`, which has `digits` minor digits.
  case money(Int64?, currency: String?, digits: Int)
  /// Thousandths of an item, in its unit (`L`, `person-night`).
  case quantity(Int64?, unit: String?)
  /// Order lines: `840 BILLET, 20 LUBE-OIL` in CSV, a list of items and quantities in JSON.
  case lines([Line], units: [String: String])

  /// The cell as CSV writes it.
  public var csvText: String {
    switch self {
    case .text(let s): s ?? ""
    case .integer(let i): i.map(String.init) ?? ""
    case .flag(let b): b ? "yes" : "no"
    case .money(let units, _, let digits): units.map { Money.decimalText($0, digits, grouped: false) } ?? ""
    case .quantity(let milli, _): milli.map { Quantity(milli: $0).description } ?? ""
    case .lines(let lines, _): lines.map { "\($0.qty) \($0.item)" }.joined(separator: ", ")
    }
  }
}

extension ExportCell: Encodable {
  struct Key: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  /// Amounts: `{"currency", "decimal", "formatted", "minor_units"}`; quantities:
  /// `{"decimal", "thousandths", "unit"}`; lines: `[{"item", "quantity"}]`.
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .text(let s):
      var c = encoder.singleValueContainer()
      try c.encode(s)
    case .integer(let i):
      var c = encoder.singleValueContainer()
      try c.encode(i)
    case .flag(let b):
      var c = encoder.singleValueContainer()
      try c.encode(b)
    case .money(let units, let currency, let digits):
      guard let units else {
        var c = encoder.singleValueContainer()
        try c.encodeNil()
        return
      }
      var c = encoder.container(keyedBy: Key.self)
      try c.encode(currency, forKey: Key("currency"))
      try c.encode(units, forKey: Key("minor_units"))
      try c.encode(Money.decimalText(units, digits, grouped: false), forKey: Key("decimal"))
      let grouped = Money.decimalText(units, digits, grouped: true)
      try c.encode(currency.map { $0 + " " + grouped } ?? grouped, forKey: Key("formatted"))
    case .quantity(let milli, let unit):
      guard let milli else {
        var c = encoder.singleValueContainer()
        try c.encodeNil()
        return
      }
      var c = encoder.container(keyedBy: Key.self)
      try c.encode(milli, forKey: Key("thousandths"))
      try c.encode(Quantity(milli: milli).description, forKey: Key("decimal"))
      try c.encode(unit, forKey: Key("unit"))
    case .lines(let lines, let units):
      var c = encoder.unkeyedContainer()
      for line in lines {
        var l = c.nestedContainer(keyedBy: Key.self)
        try l.encode(line.item, forKey: Key("item"))
        try l.encode(ExportCell.quantity(line.qty.milli, unit: units[line.item]), forKey: Key("quantity"))
      }
    }
  }
}
