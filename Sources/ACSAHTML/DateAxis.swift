import ACSADomain

/// The horizontal axis of a balance chart: the days from `start` to `end` (both whole
/// days), with ticks on days for a short period and on the first of months otherwise,
/// at most `maxTicks` of them.
struct DateAxis: Equatable {
  struct Tick: Equatable {
    let day: Day
    let label: String
  }

  let start: Day
  let end: Day
  let ticks: [Tick]

  static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  init(start: Day, end: Day, maxTicks: Int = 10) {
    self.start = start
    self.end = Swift.max(start, end)
    let days = self.end.ordinal - start.ordinal + 1
    if days <= 62 {
      let step = [1, 2, 7, 14, 21].first { days / $0 + 1 <= maxTicks } ?? 28
      ticks = stride(from: 0, to: days, by: step).map { offset in
        let day = start.adding(days: offset)
        let (_, m, d) = day.components
        return Tick(day: day, label: "\(d) \(Self.monthNames[m - 1])")
      }
      return
    }
    // The first day of each month in the period, thinned to round steps.
    var firsts: [Day] = []
    var (y, m, d) = start.components
    if d != 1 {
      m += 1
      if m > 12 {
        m = 1
        y += 1
      }
    }
    while let day = Day(year: y, month: m, day: 1), day <= self.end {
      firsts.append(day)
      m += 1
      if m > 12 {
        m = 1
        y += 1
      }
    }
    let step = [1, 2, 3, 6, 12, 24, 60, 120, 600].first { s in firsts.filter { Self.aligned($0, s) }.count <= maxTicks } ?? 1200
    ticks = firsts.filter { Self.aligned($0, step) }.map { day in
      let (y, m, _) = day.components
      return Tick(day: day, label: step >= 12 ? "\(y)" : "\(Self.monthNames[m - 1]) \(y)")
    }
  }

  /// Quarters on January, April, July and October; years on January.
  static func aligned(_ day: Day, _ months: Int) -> Bool {
    let (y, m, _) = day.components
    if months < 12 { return (m - 1) % months == 0 }
    return m == 1 && y % (months / 12) == 0
  }

  /// Where the start of `day` falls between the start of the period (0) and the end of
  /// its last day (1).
  func fraction(_ day: Day) -> Double {
    let days = Double(end.ordinal - start.ordinal + 1)
    return Double(day.ordinal - start.ordinal) / days
  }
}
