/// A quantity of an item (litres, person-nights, flight hours), in thousandths.
///
/// The scenario format allows at most three fractional digits, so `milli` is exact.
public struct Quantity: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let milli: Int64

  public init(milli: Int64) { self.milli = milli }
  public init(whole: Int64) { self.milli = whole * 1000 }

  public static let zero = Quantity(milli: 0)
  public var isZero: Bool { milli == 0 }
  public var isPositive: Bool { milli > 0 }

  /// Parses `600`, `12.5`, `0.001` from a scalar's source text (never via a float).
  public init(parsing text: String) throws(NumberTextError) {
    let parsed = DecimalText.scaled(Substring(text), maxDecimals: 3, scale: 3)
    guard parsed.wellFormed, parsed.decimals <= 3 else {
      throw .malformedDecimal(text, maxDecimals: 3)
    }
    guard let milli = parsed.value else { throw .outOfRange(text) }
    self.milli = milli
  }

  /// `20000`, `12.5`, `0.001`: no trailing zeros, no grouping.
  public var description: String {
    let whole = milli / 1000
    var fraction = milli.magnitude % 1000
    guard fraction != 0 else { return String(whole) }
    var digits = 3
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    let f = String(fraction)
    let sign = milli < 0 && whole == 0 ? "-" : ""
    return sign + String(whole) + "." + String(repeating: "0", count: digits - f.count) + f
  }

  /// `20,000` or `1,234.5`, for people.
  public var formatted: String {
    let text = description
    let parts = text.split(separator: ".", maxSplits: 1)
    let whole = Money.decimalText(Int64(parts[0]) ?? 0, 0, grouped: true)
    return parts.count == 2 ? whole + "." + parts[1] : whole
  }

  public static func < (a: Quantity, b: Quantity) -> Bool { a.milli < b.milli }
  public static func + (a: Quantity, b: Quantity) -> Quantity { Quantity(milli: a.milli + b.milli) }
  public static func - (a: Quantity, b: Quantity) -> Quantity { Quantity(milli: a.milli - b.milli) }
  public static func += (a: inout Quantity, b: Quantity) { a = a + b }
  public static func -= (a: inout Quantity, b: Quantity) { a = a - b }
  public static func min(_ a: Quantity, _ b: Quantity) -> Quantity { a < b ? a : b }
}
