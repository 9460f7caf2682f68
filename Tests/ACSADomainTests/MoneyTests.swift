import ACSADomain
import Testing

@Suite("Money: strict parsing, rounding, overflow")
struct MoneyTests {
  @Test("JPY has no minor digits, PHP has two")
  func parsesMinorUnits() throws {
    let yen = try Money(parsing: "JPY 98")
    #expect(yen.minor == 98)
    #expect(yen.currency.minorDigits == 0)
    let pesos = try Money(parsing: "PHP 1500.00")
    #expect(pesos.minor == 150_000)
    let halfPeso = try Money(parsing: "PHP 0.5")
    #expect(halfPeso.minor == 50)
    #expect(pesos.description == "PHP 1500.00")
    #expect(pesos.formatted == "PHP 1,500.00")
    #expect(Money(196_000_000, .jpy).formatted == "JPY 196,000,000")
  }

  @Test(
    "malformed amounts are refused, never silently read",
    arguments: [
      "PHP 1,234.56", "1234.56", "PHP 1e3", "PHP -5.00", "PHP .50", "PHP 5.", "php 5", "PHP  5", "PHP 5 ", "PHP 0x10", "PHP 1_000",
    ])
  func refusesMalformed(_ text: String) {
    #expect(throws: NumberTextError.malformedAmount(text)) { try Money(parsing: text) }
  }

  @Test("more fractional digits than the currency has is an error")
  func refusesExtraDecimals() {
    #expect(throws: NumberTextError.tooManyDecimals(text: "JPY 98.5", currency: "JPY", allowed: 0)) {
      try Money(parsing: "JPY 98.5")
    }
    #expect(throws: NumberTextError.tooManyDecimals(text: "PHP 1.005", currency: "PHP", allowed: 2)) {
      try Money(parsing: "PHP 1.005")
    }
  }

  @Test("unknown currency codes are refused")
  func refusesUnknownCurrency() {
    #expect(throws: NumberTextError.unknownCurrency("XYZ")) { try Money(parsing: "XYZ 5") }
  }

  @Test("amounts beyond 64-bit minor units are refused at parse time")
  func refusesOutOfRange() throws {
    let max = try Money(parsing: "JPY 9223372036854775807")
    #expect(max.minor == Int64.max)
    #expect(throws: NumberTextError.outOfRange("JPY 9223372036854775808")) { try Money(parsing: "JPY 9223372036854775808") }
    // 92233720368547758.08 PHP is Int64.max + 1 centavos.
    #expect(throws: NumberTextError.outOfRange("PHP 92233720368547758.08")) { try Money(parsing: "PHP 92233720368547758.08") }
  }

  @Test("overflowing arithmetic throws instead of trapping or wrapping")
  func overflowIsCaught() {
    let big = Money(Int64.max - 1, .jpy)
    #expect(throws: AmountError.overflow) { try big.adding(Money(2, .jpy)) }
    #expect(throws: AmountError.overflow) { try Money(Int64.min + 1, .jpy).subtracting(Money(2, .jpy)) }
    #expect(throws: AmountError.currencyMismatch(.jpy, .php)) { try Money(1, .jpy).adding(Money(1, .php)) }
    #expect(throws: AmountError.overflow) { try Money(Int64.max, .jpy).times(Quantity(whole: 2)) }
  }

  @Test("line amounts round half away from zero to the minor unit")
  func lineRounding() throws {
    // 0.5 L at JPY 1 = JPY 0.5 → 1; 1.5 L → 2; 2.5 L → 3 (not banker's rounding).
    #expect(try Money(1, .jpy).times(Quantity(parsing: "0.5")).minor == 1)
    #expect(try Money(1, .jpy).times(Quantity(parsing: "2.5")).minor == 3)
    #expect(try Money(1, .jpy).times(Quantity(parsing: "0.499")).minor == 0)
    // 3.333 x PHP 0.10 = PHP 0.3333 → 0.33; 3.335 x PHP 0.10 = 0.3335 → 0.33; 3.35 x 0.10 = 0.335 → 0.34.
    #expect(try Money(10, .php).times(Quantity(parsing: "3.333")).minor == 33)
    #expect(try Money(10, .php).times(Quantity(parsing: "3.35")).minor == 34)
    // 12.5 x PHP 52.50 = PHP 656.25 exactly.
    #expect(try Money(5250, .php).times(Quantity(parsing: "12.5")).minor == 65625)
    // Negative values round away from zero too.
    #expect(ExactArithmetic.divideRounded(-15, by: 10) == -2)
    #expect(ExactArithmetic.divideRounded(-14, by: 10) == -1)
    #expect(ExactArithmetic.divideRounded(15, by: 10) == 2)
  }
}

@Suite("Quantities and dates")
struct QuantityAndDayTests {
  @Test("quantities have at most three decimals and no exponent")
  func quantities() throws {
    #expect(try Quantity(parsing: "600").milli == 600_000)
    #expect(try Quantity(parsing: "0.001").milli == 1)
    #expect(try Quantity(parsing: "12.5").description == "12.5")
    #expect(Quantity(milli: 20_000_000).formatted == "20,000")
    for bad in ["1e3", "1.0001", "-1", "1,000", "", ".5", "5."] {
      #expect(throws: NumberTextError.malformedDecimal(bad, maxDecimals: 3)) { try Quantity(parsing: bad) }
    }
  }

  @Test("dates are real calendar dates written YYYY-MM-DD")
  func days() {
    #expect(Day(iso: "2026-10-05")?.description == "2026-10-05")
    #expect(Day(iso: "2028-02-29") != nil)
    #expect(Day(iso: "2026-02-29") == nil)
    #expect(Day(iso: "2026-02-30") == nil)
    #expect(Day(iso: "2026/10/05") == nil)
    #expect(Day(iso: "2026-13-01") == nil)
    #expect(Day(iso: "26-10-05") == nil)
    let d = Day(iso: "2026-10-19")!
    #expect(d.adding(days: 365).description == "2027-10-19")
    #expect(Day(iso: "2027-10-10")!.adding(days: 1).description == "2027-10-11")
    #expect(Day(iso: "1970-01-01")!.ordinal == 0)
    #expect(Day(iso: "2026-10-19")!.days(to: Day(iso: "2026-11-18")!) == 30)
  }

  @Test("a date's bytes, as the ledger writer writes them, are its description, in every era")
  func dayBytes() {
    var checked = 0
    // From before year 1 to past 9999 (a deadline can fall there), a day a week.
    for ordinal in stride(from: Day(iso: "0001-01-01")!.ordinal - 800, through: Day(iso: "9999-12-31")!.ordinal + 800, by: 7) {
      let d = Day(ordinal: ordinal)
      var bytes: [UInt8] = [1, 2]
      d.appendDescription(to: &bytes)
      #expect(bytes == [1, 2] + Array(d.description.utf8), "\(d)")
      checked += 1
    }
    #expect(checked > 500_000)
  }
}

@Suite("Exchange rates")
struct RateTests {
  let rates = RateTable([
    ExchangeRate(date: Day(iso: "2026-09-01")!, base: .jpy, quote: .php, scaled: 3_871_000_000, source: "ref"),
    ExchangeRate(date: Day(iso: "2026-10-01")!, base: .php, quote: .jpy, scaled: 25_800_000_000, source: "inv"),
    ExchangeRate(date: Day(iso: "2026-10-01")!, base: .jpy, quote: .php, scaled: 3_900_000_000, source: "direct"),
  ])

  @Test("a direct rate multiplies and rounds once")
  func direct() throws {
    // JPY 1,000,000 x 0.3871 = PHP 387,100.00 exactly; JPY 1 x 0.3871 = PHP 0.3871 → 0.39.
    let (a, use) = try rates.convert(Money(1_000_000, .jpy), to: .php, on: Day(iso: "2026-09-15")!)
    #expect(a.minor == 38_710_000)
    #expect(use?.inverse == false)
    #expect(try rates.convert(Money(1, .jpy), to: .php, on: Day(iso: "2026-09-15")!).0.minor == 39)
  }

  @Test("an inverse rate divides exactly and rounds once")
  func inverse() throws {
    // Before 2026-10-01 only JPY/PHP 0.3871 exists: PHP 100.00 → JPY 100 / 0.3871 = 258.33... → 258.
    let (a, use) = try rates.convert(Money(10_000, .php), to: .jpy, on: Day(iso: "2026-09-15")!)
    #expect(a.minor == 258)
    #expect(use?.inverse == true)
  }

  @Test("on a date with both quotes, the direct one is preferred")
  func directPreferred() throws {
    // On 2026-10-01 both PHP/JPY 2.58 (direct for PHP→JPY) and JPY/PHP 0.39 exist.
    let (a, use) = try rates.convert(Money(10_000, .php), to: .jpy, on: Day(iso: "2026-10-01")!)
    #expect(a.minor == 258)
    #expect(use?.rate.source == "inv")
    let (b, useB) = try rates.convert(Money(1000, .jpy), to: .php, on: Day(iso: "2026-10-02")!)
    #expect(b.minor == 39_000)
    #expect(useB?.rate.source == "direct")
  }

  @Test("no rate on or before the date")
  func noRate() {
    #expect(throws: ConversionError.noRate(from: .jpy, to: .php, on: Day(iso: "2026-08-31")!)) {
      try rates.convert(Money(1, .jpy), to: .php, on: Day(iso: "2026-08-31")!)
    }
  }

  @Test("rates parse with up to ten decimals")
  func parse() throws {
    #expect(try ExchangeRate.parseScaled("0.3871") == 3_871_000_000)
    #expect(try ExchangeRate.parseScaled("2.5800000001") == 25_800_000_001)
    #expect(throws: NumberTextError.malformedDecimal("0.12345678901", maxDecimals: 10)) { try ExchangeRate.parseScaled("0.12345678901") }
  }
}
