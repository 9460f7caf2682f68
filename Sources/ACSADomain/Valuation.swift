/// A value in both parties' currencies, with the rate that converted it.
public struct DualValue: Hashable, Sendable {
  /// In the provider's currency.
  public let value: Money
  /// In the other party's currency, when a rate was available.
  public let converted: Money?
  public let rate: RateUse?

  public var text: String {
    guard let converted else { return value.formatted }
    let how = rate.map { " at \($0.summary)" } ?? ""
    return "\(value.formatted) (\(converted.formatted)\(how))"
  }
}

/// Values obligations: cash and equal value at their amount, in kind at the provider's
/// price on the delivery date; converted into the other currency at the audit date's rate.
public struct Valuation: Sendable {
  public let framework: Framework
  public let date: Day

  public init(framework: Framework, date: Day) {
    self.framework = framework
    self.date = date
  }

  /// The value of `units` of this obligation (minor units, or thousandths in kind).
  public func value(of o: Obligation, units: Int64) -> Money {
    value(kind: o.kind, currency: o.currency, item: o.item, creditor: o.creditor, deliveryDate: o.deliveryDate, units: units)
  }

  /// The same from an obligation's facts.
  public func value(kind: ObligationKind, currency: Currency, item: String, creditor: PartyID, deliveryDate: Day, units: Int64) -> Money {
    if kind != .inKind { return Money(units, currency) }
    let price = framework.items[item]?.price(for: creditor, on: deliveryDate) ?? .zero(currency)
    return (try? price.times(Quantity(milli: units))) ?? .zero(currency)
  }

  public func dual(_ value: Money) -> DualValue {
    let others = framework.parties.map(\.currency).filter { $0 != value.currency }
    guard let other = others.first, let (converted, use) = try? framework.rates.convert(value, to: other, on: date) else {
      return DualValue(value: value, converted: nil, rate: nil)
    }
    return DualValue(value: value, converted: converted, rate: use)
  }

}
