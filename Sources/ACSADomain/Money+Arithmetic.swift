/// Overflow-checked arithmetic: a sum that leaves the range of `Int64` minor units is an
/// error, never a wrapped or trapped value.
public enum AmountError: Error, Equatable, Sendable, CustomStringConvertible {
  case overflow
  case currencyMismatch(Currency, Currency)

  public var description: String {
    switch self {
    case .overflow: return "amount out of the range of 64-bit minor units"
    case .currencyMismatch(let a, let b): return "cannot combine \(a) and \(b)"
    }
  }
}

extension Money {
  public func adding(_ other: Money) throws(AmountError) -> Money {
    guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
    let (value, overflow) = minor.addingReportingOverflow(other.minor)
    if overflow { throw .overflow }
    return Money(value, currency)
  }

  public func subtracting(_ other: Money) throws(AmountError) -> Money {
    guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
    let (value, overflow) = minor.subtractingReportingOverflow(other.minor)
    if overflow { throw .overflow }
    return Money(value, currency)
  }

  /// The amount of `quantity` units at this unit price, rounded half away from zero
  /// to the currency's minor unit (quantity × unit price, one rounding per line).
  public func times(_ quantity: Quantity) throws(AmountError) -> Money {
    let product = Int128(minor) * Int128(quantity.milli)
    let rounded = ExactArithmetic.divideRounded(product, by: 1000)
    guard let value = ExactArithmetic.int64(rounded) else { throw .overflow }
    return Money(value, currency)
  }
}

extension Int64 {
  /// `self + other`, throwing instead of trapping on overflow.
  func checkedAdding(_ other: Int64) throws(AmountError) -> Int64 {
    let (value, overflow) = addingReportingOverflow(other)
    if overflow { throw .overflow }
    return value
  }
}
