import ACSADomain

/// The vertical axis of a chart: integer units (minor units of a currency, thousandths of
/// an item) from `low` to `high` in round steps (1, 2 or 5 times a power of ten), always
/// including zero.
struct AmountAxis: Equatable {
  let low: Int64
  let high: Int64
  let step: Int64
  /// Digits of the unit: 2 for PHP, 0 for JPY, 3 for items.
  let digits: Int

  /// An axis covering `minimum...maximum` and zero in about `target` steps.
  init(minimum: Int64, maximum: Int64, digits: Int, target: Int64 = 5) {
    self.digits = digits
    let lo = Swift.min(minimum, 0)
    var hi = Swift.max(maximum, 0)
    if lo == hi { hi = Self.power(digits) }
    let (span, overflow) = hi.subtractingReportingOverflow(lo)
    let parts = Swift.max(target, 1)
    let raw = overflow ? Int64.max / 4 : Swift.max(1, span / parts + (span % parts == 0 ? 0 : 1))
    let step = Self.niceStep(atLeast: raw)
    self.step = step
    low = Self.floor(lo, step)
    high = Self.ceiling(hi, step)
  }

  /// The tick values from `low` to `high`.
  var ticks: [Int64] {
    var ticks: [Int64] = []
    var v = low
    while v <= high {
      ticks.append(v)
      let (next, overflow) = v.addingReportingOverflow(step)
      if overflow { break }
      v = next
    }
    return ticks
  }

  /// Where `value` falls between the bottom (0) and the top (1).
  func fraction(_ value: Int64) -> Double {
    let span = Double(high) - Double(low)
    guard span > 0 else { return 0 }
    return (Double(value) - Double(low)) / span
  }

  /// A tick's label, grouped; whole units drop their fraction when every tick is whole
  /// (`2,000,000` rather than `2,000,000.00`).
  func label(_ value: Int64) -> String {
    let unit = Self.power(digits)
    if digits > 0 && step % unit == 0 && low % unit == 0 {
      return Money.decimalText(value / unit, 0, grouped: true)
    }
    return Money.decimalText(value, digits, grouped: true)
  }

  static func power(_ digits: Int) -> Int64 {
    var p: Int64 = 1
    for _ in 0..<Swift.max(0, Swift.min(digits, 18)) { p *= 10 }
    return p
  }

  /// The smallest of 1, 2, 5, 10, 20, 50... that is at least `raw`.
  static func niceStep(atLeast raw: Int64) -> Int64 {
    var p: Int64 = 1
    while true {
      for m: Int64 in [1, 2, 5] {
        let (s, overflow) = p.multipliedReportingOverflow(by: m)
        if overflow { return Int64.max / 4 }
        if s >= raw { return s }
      }
      let (next, overflow) = p.multipliedReportingOverflow(by: 10)
      if overflow { return Int64.max / 4 }
      p = next
    }
  }

  /// `value` rounded down (toward minus infinity) to a multiple of `step`.
  static func floor(_ value: Int64, _ step: Int64) -> Int64 {
    let q = value / step
    let (r, overflow) = (value % step != 0 && value < 0 ? q - 1 : q).multipliedReportingOverflow(by: step)
    return overflow ? Int64.min : r
  }

  /// `value` rounded up to a multiple of `step`.
  static func ceiling(_ value: Int64, _ step: Int64) -> Int64 {
    let q = value / step
    let (r, overflow) = (value % step != 0 && value > 0 ? q + 1 : q).multipliedReportingOverflow(by: step)
    return overflow ? Int64.max : r
  }
}
