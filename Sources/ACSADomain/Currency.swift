/// An ISO 4217 currency with its number of minor digits (JPY 0, PHP 2, USD 2).
public struct Currency: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let code: String
  public let minorDigits: Int

  public init?(code: String) {
    guard let digits = Currency.minorDigitsByCode[code] else { return nil }
    self.code = code
    self.minorDigits = digits
  }

  public var description: String { code }

  public static func < (a: Currency, b: Currency) -> Bool { a.code < b.code }

  public static let jpy = Currency(code: "JPY")!
  public static let php = Currency(code: "PHP")!
  public static let usd = Currency(code: "USD")!

  /// Currencies a scenario may use, from ISO 4217. A code outside this table is a
  /// static error rather than a guess at its minor unit.
  public static let minorDigitsByCode: [String: Int] = [
    "JPY": 0, "PHP": 2, "USD": 2, "EUR": 2, "GBP": 2, "AUD": 2, "NZD": 2, "CAD": 2,
    "CHF": 2, "CNY": 2, "HKD": 2, "SGD": 2, "IDR": 2, "MYR": 2, "THB": 2, "INR": 2,
    "KRW": 0, "VND": 0, "TWD": 2, "BND": 2, "KWD": 3, "BHD": 3,
  ]
}
