/// An amount of one currency, as integer minor units (yen, centavos, cents).
public struct Money: Hashable, Sendable, CustomStringConvertible {
  public let currency: Currency
  public let minor: Int64

  public init(_ minor: Int64, _ currency: Currency) {
    self.minor = minor
    self.currency = currency
  }

  public static func zero(_ currency: Currency) -> Money { Money(0, currency) }

  public var isZero: Bool { minor == 0 }

  /// The canonical text, as a scenario writes it: `PHP 1500.00`, `JPY 98`, `PHP -3.50`.
  public var description: String { currency.code + " " + Money.decimalText(minor, currency.minorDigits, grouped: false) }

  /// For people: `PHP 2,080,000.00`.
  public var formatted: String { currency.code + " " + Money.decimalText(minor, currency.minorDigits, grouped: true) }

  /// Just the number, canonical: `1500.00`.
  var decimalString: String { Money.decimalText(minor, currency.minorDigits, grouped: false) }

  public static func decimalText(_ minor: Int64, _ digits: Int, grouped: Bool) -> String {
    let negative = minor < 0
    let magnitude = String(minor.magnitude)
    let padded =
      magnitude.count <= digits
      ? String(repeating: "0", count: digits - magnitude.count + 1) + magnitude : magnitude
    let whole = String(padded.dropLast(digits))
    let fraction = String(padded.suffix(digits))
    var wholeText = whole
    if grouped && whole.count > 3 {
      var groups: [Substring] = []
      var end = whole.endIndex
      while end > whole.startIndex {
        let start = whole.index(end, offsetBy: -3, limitedBy: whole.startIndex) ?? whole.startIndex
        groups.insert(whole[start..<end], at: 0)
        end = start
      }
      wholeText = groups.joined(separator: ",")
    }
    return (negative ? "-" : "") + wholeText + (digits > 0 ? "." + fraction : "")
  }
}
