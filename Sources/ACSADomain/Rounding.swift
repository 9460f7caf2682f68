/// Exact integer arithmetic used by every amount in the simulator.
///
/// Amounts are `Int64` minor units; intermediate products (quantity in thousandths
/// times a price, an amount times a rate with ten decimals) are computed in `Int128`
/// and rounded once, half away from zero, as the scenario format requires.
public enum ExactArithmetic {
  /// `numerator / denominator` rounded half away from zero. `denominator` must be > 0.
  public static func divideRounded(_ numerator: Int128, by denominator: Int128) -> Int128 {
    precondition(denominator > 0, "divideRounded needs a positive denominator")
    let q = numerator / denominator
    let r = numerator % denominator
    let twiceRemainder = r.magnitude * 2
    if twiceRemainder >= denominator.magnitude {
      return numerator < 0 ? q - 1 : q + 1
    }
    return q
  }

  /// `numerator / denominator` rounded half to even. `denominator` must be > 0.
  static func divideRoundedHalfEven(_ numerator: Int128, by denominator: Int128) -> Int128 {
    precondition(denominator > 0, "divideRoundedHalfEven needs a positive denominator")
    let q = numerator / denominator
    let r = numerator % denominator
    let twice = r.magnitude * 2
    let away = numerator < 0 ? q - 1 : q + 1
    if twice > denominator.magnitude { return away }
    if twice == denominator.magnitude { return q % 2 == 0 ? q : away }
    return q
  }

  static func power10(_ exponent: Int) -> Int128 {
    var result: Int128 = 1
    for _ in 0..<exponent { result *= 10 }
    return result
  }

  /// `a * b`, or nil when it overflows `Int128`.
  public static func multiply(_ a: Int128, _ b: Int128) -> Int128? {
    let (value, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? nil : value
  }

  /// Narrows to `Int64`, or nil when out of range.
  public static func int64(_ value: Int128) -> Int64? {
    guard value >= Int128(Int64.min), value <= Int128(Int64.max) else { return nil }
    return Int64(value)
  }
}
