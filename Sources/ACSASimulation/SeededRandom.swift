import ACSADomain

/// The simulator's random stream: xoshiro256** (Blackman and Vigna, 2018) seeded through
/// SplitMix64, as its authors recommend. Integer arithmetic only, so the same seed gives
/// the same stream on every machine.
public struct SeededRandom: Sendable {
  var s: (UInt64, UInt64, UInt64, UInt64)

  public init(seed: UInt64) {
    var x = seed
    func splitmix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s = (splitmix(), splitmix(), splitmix(), splitmix())
  }

  static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  public mutating func next() -> UInt64 {
    let result = Self.rotl(s.1 &* 5, 7) &* 9
    let t = s.1 << 17
    s.2 ^= s.0
    s.3 ^= s.1
    s.1 ^= s.2
    s.0 ^= s.3
    s.2 ^= t
    s.3 = Self.rotl(s.3, 45)
    return result
  }

  /// A uniform integer in `0..<bound` (bound > 0), without modulo bias (Lemire 2019).
  public mutating func below(_ bound: UInt64) -> UInt64 {
    precondition(bound > 0)
    var m = next().multipliedFullWidth(by: bound)
    if m.low < bound {
      let threshold = (0 &- bound) % bound
      while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
    }
    return m.high
  }

  /// A uniform integer in `low...high`.
  public mutating func between(_ low: Int64, _ high: Int64) -> Int64 {
    let (lo, hi) = low <= high ? (low, high) : (high, low)
    let span = UInt64(bitPattern: hi &- lo) &+ 1
    if span == 0 { return Int64(bitPattern: next()) }  // the whole 64-bit range
    return lo &+ Int64(bitPattern: below(span))
  }

  /// True with probability `p`.
  public mutating func chance(_ p: Weight) -> Bool {
    Int64(below(UInt64(Weight.scale))) < p.scaled
  }

  /// An index drawn with the given weights (at least one positive).
  public mutating func pick(_ weights: [Weight]) -> Int {
    let total = weights.reduce(UInt64(0)) { $0 + UInt64(max($1.scaled, 0)) }
    guard total > 0 else { return 0 }
    var r = below(total)
    for (i, w) in weights.enumerated() {
      let v = UInt64(max(w.scaled, 0))
      if r < v { return i }
      r -= v
    }
    return weights.count - 1
  }

  /// A Poisson-distributed integer with mean `meanMilli / 1000`, by Knuth's method on
  /// fixed-point probabilities (2^64 scale), in chunks of mean at most 16 (a Poisson
  /// variable is the sum of Poisson variables of the parts of its mean). `e^-x` is
  /// computed with integers only, so no C library `exp` decides the stream.
  public mutating func poisson(meanMilli: Int64) -> Int64 {
    var remaining = max(meanMilli, 0)
    var total: Int64 = 0
    while remaining > 0 {
      let chunk = min(remaining, 16_000)
      remaining -= chunk
      let limit = Self.expNegative(milli: chunk)
      var p = UInt64.max
      var k: Int64 = -1
      repeat {
        k += 1
        p = p.multipliedFullWidth(by: next()).high
      } while p > limit
      total += k
    }
    return total
  }

  /// e^(-milli/1000) × 2^64, for 0 < milli ≤ 16,000, in 2^62 fixed point: the series
  /// of e^(-y) for y = x/32 ≤ 0.5, then squared five times. Integers only.
  public static func expNegative(milli: Int64) -> UInt64 {
    let shift: Int128 = 62
    let one = Int128(1) << shift
    let y = (Int128(milli) << shift) / 32_000
    var term = one
    var sum = one
    var n: Int128 = 1
    while term != 0 && n < 60 {
      term = -((term * y) >> shift) / n
      sum += term
      n += 1
    }
    for _ in 0..<5 { sum = (sum * sum) >> shift }
    let result = sum << 2
    return result >= Int128(UInt64.max) ? UInt64.max : UInt64(max(result, 0))
  }

  /// Draws a value: thousandths for a quantity, whole days for an offset.
  public mutating func draw(_ d: Draw, days: Bool) -> Int64 {
    switch d {
    case .fixed(let v): return v
    case .uniform(let a, let b): return between(a, b)
    case .poisson(let mean):
      let n = poisson(meanMilli: mean)
      return days ? n : n * 1000
    }
  }
}
