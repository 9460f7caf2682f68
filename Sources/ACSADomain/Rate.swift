/// An exchange rate quoted as "1 base = rate quote", with up to ten decimals.
public struct ExchangeRate: Hashable, Sendable {
  static let scaleDigits = 10
  public let date: Day
  public let base: Currency
  public let quote: Currency
  /// The rate × 10^10.
  public let scaled: Int64
  public let source: String?

  public init(date: Day, base: Currency, quote: Currency, scaled: Int64, source: String?) {
    self.date = date
    self.base = base
    self.quote = quote
    self.scaled = scaled
    self.source = source
  }

  /// Parses a decimal rate such as `"0.3871"` (up to 10 fractional digits), scaled.
  public static func parseScaled(_ text: String) throws(NumberTextError) -> Int64 {
    let parsed = DecimalText.scaled(Substring(text), maxDecimals: scaleDigits, scale: scaleDigits)
    guard parsed.wellFormed, parsed.decimals <= scaleDigits else {
      throw .malformedDecimal(text, maxDecimals: scaleDigits)
    }
    guard let value = parsed.value else { throw .outOfRange(text) }
    return value
  }

  /// `0.3871`, without trailing zeros.
  public var rateText: String {
    var text = Money.decimalText(scaled, ExchangeRate.scaleDigits, grouped: false)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}

/// Which rate converted an amount, so that every converted figure can show its rate,
/// date and source.
public struct RateUse: Hashable, Sendable {
  public let rate: ExchangeRate
  /// True when the rate was quoted the other way round and the amount was divided.
  public let inverse: Bool

  /// `1 JPY = 0.3871 PHP on 2026-09-01, BSP reference rate`; the direction of the
  /// conversion is the amounts' (an inverse use divides by the rate).
  public var summary: String {
    let source = rate.source.map { ", \($0)" } ?? ""
    return "1 \(rate.base) = \(rate.rateText) \(rate.quote) on \(rate.date)\(source)"
  }
}

public enum ConversionError: Error, Equatable, Sendable {
  case noRate(from: Currency, to: Currency, on: Day)
  case overflow
}

/// Dated exchange rates. The latest rate on or before a date applies; a direct quote on
/// that date is preferred to an inverse one.
public struct RateTable: Sendable {
  private var byPair: [String: [ExchangeRate]] = [:]

  public init(_ rates: [ExchangeRate]) {
    for rate in rates { byPair[Self.key(rate.base, rate.quote), default: []].append(rate) }
    for key in byPair.keys { byPair[key]!.sort { $0.date < $1.date } }
  }

  static func key(_ a: Currency, _ b: Currency) -> String { a.code + "/" + b.code }

  private func latest(_ base: Currency, _ quote: Currency, on day: Day) -> ExchangeRate? {
    guard let list = byPair[Self.key(base, quote)] else { return nil }
    var lo = 0
    var hi = list.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if list[mid].date <= day { lo = mid + 1 } else { hi = mid }
    }
    return lo == 0 ? nil : list[lo - 1]
  }

  /// The rate that converts `from` into `to` on `day`, or nil.
  public func rate(from: Currency, to: Currency, on day: Day) -> RateUse? {
    let direct = latest(from, to, on: day)
    let inverse = latest(to, from, on: day)
    switch (direct, inverse) {
    case (nil, nil): return nil
    case (let d?, nil): return RateUse(rate: d, inverse: false)
    case (nil, let i?): return RateUse(rate: i, inverse: true)
    case (let d?, let i?):
      return i.date > d.date ? RateUse(rate: i, inverse: true) : RateUse(rate: d, inverse: false)
    }
  }

  /// Converts exactly and rounds once, half away from zero, to the target's minor unit.
  public func convert(_ amount: Money, to target: Currency, on day: Day) throws(ConversionError) -> (Money, RateUse?) {
    if amount.currency == target { return (amount, nil) }
    guard let use = rate(from: amount.currency, to: target, on: day) else {
      throw .noRate(from: amount.currency, to: target, on: day)
    }
    return (try Self.apply(use, to: amount, target: target), use)
  }

  /// `convert`, rounded half to even instead of half away from zero: a payment in the
  /// receiver's currency applied in the provider's (`payment_currency: either`).
  func convertHalfEven(_ amount: Money, to target: Currency, on day: Day) throws(ConversionError) -> (Money, RateUse?) {
    if amount.currency == target { return (amount, nil) }
    guard let use = rate(from: amount.currency, to: target, on: day) else {
      throw .noRate(from: amount.currency, to: target, on: day)
    }
    return (try Self.apply(use, to: amount, target: target, halfEven: true), use)
  }

  static func apply(_ use: RateUse, to amount: Money, target: Currency, halfEven: Bool = false) throws(ConversionError) -> Money {
    // amount (minor of source) → major = minor / 10^ds; × rate → target major; × 10^dt.
    let ds = amount.currency.minorDigits
    let dt = target.minorDigits
    let a = Int128(amount.minor)
    let r = Int128(use.rate.scaled)
    let scale = ExactArithmetic.power10(ExchangeRate.scaleDigits)
    let numerator: Int128?
    let denominator: Int128?
    if use.inverse {
      numerator = ExactArithmetic.multiply(a, scale).flatMap { ExactArithmetic.multiply($0, ExactArithmetic.power10(dt)) }
      denominator = ExactArithmetic.multiply(r, ExactArithmetic.power10(ds))
    } else {
      numerator = ExactArithmetic.multiply(a, r).flatMap { ExactArithmetic.multiply($0, ExactArithmetic.power10(dt)) }
      denominator = ExactArithmetic.multiply(scale, ExactArithmetic.power10(ds))
    }
    guard let n = numerator, let d = denominator,
      let value = ExactArithmetic.int64(
        halfEven ? ExactArithmetic.divideRoundedHalfEven(n, by: d) : ExactArithmetic.divideRounded(n, by: d))
    else { throw .overflow }
    return Money(value, target)
  }
}
