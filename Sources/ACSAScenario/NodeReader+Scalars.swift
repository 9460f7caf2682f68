import ACSADomain

/// Typed scalar readers. Every value is read from its source text, never through a float
/// or Yams' own type resolution.
extension NodeReader {
  /// A non-null scalar, or nil (reported as "expected `expected`").
  func scalar(_ node: Node, _ path: String, expected: String) -> Node.Scalar? {
    guard case .scalar(let scalar) = node, !Self.isNull(scalar) else {
      error(node, path, "expected \(expected), found \(Self.found(node))")
      return nil
    }
    return scalar
  }

  /// One line of text: an id, a name, a reference. No control character (a tab or a
  /// line break included): ids and names are printed in tables and stored in the ledger,
  /// where such characters would hide or garble what is shown.
  func string(_ node: Node, _ path: String) -> String? {
    text(node, path, multiline: false)
  }

  /// Free text (a description): tabs and line breaks allowed, other control characters
  /// (NUL, escape...) not.
  func text(_ node: Node, _ path: String, multiline: Bool = true) -> String? {
    guard let scalar = scalar(node, path, expected: "a string") else { return nil }
    guard !scalar.string.isEmpty else {
      error(node, path, "expected a non-empty string")
      return nil
    }
    if let c = Self.controlCharacter(in: scalar.string, multiline: multiline) {
      let allowed = multiline ? " other than tabs and line breaks" : ", tabs and line breaks included"
      error(
        node, path,
        "\(Self.quoted(scalar.string)) contains the control character \(Self.codePoint(c)); text here may hold no control characters\(allowed)"
      )
      return nil
    }
    return scalar.string
  }

  /// The first control character of `text`: C0 (tab, line feed and carriage return
  /// allowed when `multiline`), DEL or C1.
  static func controlCharacter(in text: String, multiline: Bool) -> Unicode.Scalar? {
    text.unicodeScalars.first { c in
      if multiline && (c == "\t" || c == "\n" || c == "\r") { return false }
      return c.value < 0x20 || (c.value >= 0x7F && c.value < 0xA0)
    }
  }

  /// `U+001B`
  static func codePoint(_ c: Unicode.Scalar) -> String {
    let hex = String(c.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  /// Exactly `YYYY-MM-DD`, a real calendar date.
  func date(_ node: Node, _ path: String) -> Day? {
    guard let scalar = scalar(node, path, expected: "a date YYYY-MM-DD") else { return nil }
    let text = scalar.string
    if let day = Day(iso: text) { return day }
    if Self.hasDateShape(text) {
      error(node, path, "\(Self.quoted(text)) is not a real calendar date")
    } else {
      error(node, path, "malformed date \(Self.quoted(text)): write YYYY-MM-DD, e.g. 2026-10-05")
    }
    return nil
  }

  /// Four digits, dash, two digits, dash, two digits.
  static func hasDateShape(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard bytes.count == 10 else { return false }
    for (i, b) in bytes.enumerated() {
      let ok = (i == 4 || i == 7) ? b == UInt8(ascii: "-") : (b >= 48 && b <= 57)
      if !ok { return false }
    }
    return true
  }

  /// Exactly `MM-DD`.
  func monthDay(_ node: Node, _ path: String) -> MonthDay? {
    guard let scalar = scalar(node, path, expected: "a month and day MM-DD") else { return nil }
    guard let value = MonthDay(text: scalar.string) else {
      error(node, path, "malformed month-day \(Self.quoted(scalar.string)): write MM-DD, e.g. 04-01")
      return nil
    }
    return value
  }

  /// Exactly `true` or `false`.
  func bool(_ node: Node, _ path: String) -> Bool? {
    guard let scalar = scalar(node, path, expected: "true or false") else { return nil }
    switch scalar.string {
    case "true": return true
    case "false": return false
    default:
      error(node, path, "expected true or false, found \(Self.quoted(scalar.string))")
      return nil
    }
  }

  /// Plain digits, within `minimum...maximum`.
  func integer(_ node: Node, _ path: String, minimum: Int, maximum: Int = Int(Int32.max)) -> Int? {
    guard let scalar = scalar(node, path, expected: "a whole number") else { return nil }
    guard let value = Self.digits(scalar.string) else {
      if Self.isAllDigits(scalar.string) {
        error(node, path, "\(scalar.string) is too large (at most \(maximum))")
      } else {
        error(node, path, "expected a whole number (digits only), found \(Self.quoted(scalar.string))")
      }
      return nil
    }
    guard value <= UInt64(maximum) else {
      error(node, path, "\(scalar.string) is too large (at most \(maximum))")
      return nil
    }
    guard Int(value) >= minimum else {
      error(node, path, "must be at least \(minimum), found \(scalar.string)")
      return nil
    }
    return Int(value)
  }

  /// Plain digits, any 64-bit unsigned value.
  func seed(_ node: Node, _ path: String) -> UInt64? {
    guard let scalar = scalar(node, path, expected: "a whole number") else { return nil }
    guard let value = Self.digits(scalar.string) else {
      if Self.isAllDigits(scalar.string) {
        error(node, path, "\(scalar.string) is too large (at most \(UInt64.max))")
      } else {
        error(node, path, "expected a non-negative whole number (digits only), found \(Self.quoted(scalar.string))")
      }
      return nil
    }
    return value
  }

  static func isAllDigits(_ text: String) -> Bool {
    !text.isEmpty && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
  }

  /// The value of a string of ASCII digits, or nil (not digits, or beyond `UInt64`).
  static func digits(_ text: String) -> UInt64? {
    guard !text.isEmpty else { return nil }
    var value: UInt64 = 0
    for b in text.utf8 {
      guard b >= 48 && b <= 57 else { return nil }
      let (times10, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times10.addingReportingOverflow(UInt64(b - 48))
      if o1 || o2 { return nil }
      value = sum
    }
    return value
  }

  /// `"<ISO 4217 code> <decimal>"`; zero only when `allowZero`.
  func money(_ node: Node, _ path: String, allowZero: Bool) -> Money? {
    guard let scalar = scalar(node, path, expected: "an amount such as \"PHP 1500.00\"") else {
      return nil
    }
    let money: Money
    do throws(NumberTextError) {
      money = try Money(parsing: scalar.string)
    } catch {
      self.error(node, path, error.description)
      return nil
    }
    if !allowZero && money.isZero {
      error(node, path, "must be greater than zero, found \(Self.quoted(scalar.string))")
      return nil
    }
    return money
  }

  /// A YAML number or decimal string with at most 3 fractional digits; zero only when
  /// `allowZero`.
  func quantity(_ node: Node, _ path: String, allowZero: Bool) -> Quantity? {
    guard let scalar = scalar(node, path, expected: "a quantity such as 600 or 12.5") else {
      return nil
    }
    let quantity: Quantity
    do throws(NumberTextError) {
      quantity = try Quantity(parsing: scalar.string)
    } catch {
      self.error(node, path, error.description)
      return nil
    }
    if !allowZero && quantity.isZero {
      error(node, path, "must be greater than zero, found \(scalar.string)")
      return nil
    }
    return quantity
  }

  /// A quoted decimal string greater than 0 with up to 10 fractional digits, scaled by
  /// 10^10. A plain scalar is refused: a rate must never pass through a float.
  func rate(_ node: Node, _ path: String) -> Int64? {
    guard let scalar = scalar(node, path, expected: "a rate as a quoted string, e.g. \"0.3871\"")
    else { return nil }
    if scalar.style == .plain || scalar.style == .any {
      error(
        node, path,
        "write the rate as a quoted string, e.g. \"\(scalar.string)\": a rate must never pass through a float")
      return nil
    }
    let scaled: Int64
    do throws(NumberTextError) {
      scaled = try ExchangeRate.parseScaled(scalar.string)
    } catch {
      self.error(node, path, error.description)
      return nil
    }
    guard scaled > 0 else {
      error(node, path, "must be greater than zero, found \(Self.quoted(scalar.string))")
      return nil
    }
    return scaled
  }

  /// A known ISO 4217 code.
  func currency(_ node: Node, _ path: String) -> Currency? {
    guard let scalar = scalar(node, path, expected: "a currency code such as PHP") else { return nil }
    guard let currency = Currency(code: scalar.string) else {
      error(node, path, NumberTextError.unknownCurrency(scalar.string).description)
      return nil
    }
    return currency
  }

  /// One of an enumeration's raw values.
  func choice<E: RawRepresentable>(_ node: Node, _ path: String, _ cases: [E]) -> E?
  where E.RawValue == String {
    let values = cases.map(\.rawValue).joined(separator: ", ")
    guard let scalar = scalar(node, path, expected: "one of: " + values) else { return nil }
    guard let value = E(rawValue: scalar.string) else {
      error(
        node, path,
        "unknown value '\(scalar.string)'\(Suggestion.aside(scalar.string, among: cases.map(\.rawValue))); expected one of: \(values)")
      return nil
    }
    return value
  }
}
