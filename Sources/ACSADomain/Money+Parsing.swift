/// Why an amount, quantity or rate text was refused.
public enum NumberTextError: Error, Equatable, Sendable, CustomStringConvertible {
  case malformedAmount(String)
  case unknownCurrency(String)
  case tooManyDecimals(text: String, currency: String, allowed: Int)
  case outOfRange(String)
  case malformedDecimal(String, maxDecimals: Int)

  public var description: String {
    switch self {
    case .malformedAmount(let t):
      return
        "malformed amount \"\(t)\": write \"<ISO 4217 code> <decimal>\", e.g. \"PHP 1500.00\" or \"JPY 98\" (no thousands separators, no exponent)"
    case .unknownCurrency(let c):
      return "unknown currency \"\(c)\": use an ISO 4217 code such as JPY, PHP or USD"
    case .tooManyDecimals(let t, let c, let n):
      return "\"\(t)\" has more fractional digits than \(c) allows (\(n))"
    case .outOfRange(let t):
      return "\"\(t)\" is beyond the range of 64-bit minor units"
    case .malformedDecimal(let t, let n):
      return
        "malformed decimal \"\(t)\": write digits with at most \(n) fractional digits, e.g. 600 or 12.5 (no sign, thousands separators or exponent)"
    }
  }
}

/// A strict parser for unsigned decimals: `123`, `123.45`. No sign, no exponent, no
/// grouping, no leading or trailing dot. Returns the value scaled by 10^`scale`.
enum DecimalText {
  static func scaled(_ text: Substring, maxDecimals: Int, scale: Int) -> (value: Int64?, wellFormed: Bool, decimals: Int) {
    let parts = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
      whole.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 })
    else { return (nil, false, 0) }
    let fraction = parts.count == 2 ? parts[1] : ""
    if parts.count == 2 && (fraction.isEmpty || !fraction.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 })) {
      return (nil, false, 0)
    }
    guard fraction.count <= maxDecimals else { return (nil, true, fraction.count) }
    var value: Int128 = 0
    for b in whole.utf8 {
      value = value * 10 + Int128(b - 48)
      if value > Int128(Int64.max) { return (nil, true, fraction.count) }
    }
    var fractionValue: Int128 = 0
    for b in fraction.utf8 { fractionValue = fractionValue * 10 + Int128(b - 48) }
    let padding = scale - fraction.count
    let total = value * ExactArithmetic.power10(scale) + fractionValue * ExactArithmetic.power10(padding)
    return (ExactArithmetic.int64(total), true, fraction.count)
  }
}

extension Money {
  /// Parses `"<ISO 4217 code> <decimal>"` exactly: `"PHP 1500.00"`, `"JPY 98"`.
  /// `"1,234.56"`, `"PHP 1e3"`, `"PHP -5"` and `"JPY 98.5"` are all refused.
  public init(parsing text: String) throws(NumberTextError) {
    let parts = text.split(separator: " ", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 3, parts[0].allSatisfy({ $0.isASCII && $0.isUppercase })
    else { throw .malformedAmount(text) }
    guard let currency = Currency(code: String(parts[0])) else {
      throw .unknownCurrency(String(parts[0]))
    }
    let parsed = DecimalText.scaled(parts[1], maxDecimals: currency.minorDigits, scale: currency.minorDigits)
    guard parsed.wellFormed else { throw .malformedAmount(text) }
    if parsed.decimals > currency.minorDigits {
      throw .tooManyDecimals(text: text, currency: currency.code, allowed: currency.minorDigits)
    }
    guard let minor = parsed.value else { throw .outOfRange(text) }
    self.init(minor, currency)
  }
}
